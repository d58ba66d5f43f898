package dev.wharf.connect.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.connect.testing.ConnectFixture;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file sink loaded from its plugin directory by a Wharf worker on a real broker, driven only
 * through the Connect REST API.
 */
@ExtendWith(SharedKafkaBroker.class)
class FileSinkIT {
  private static final AtomicInteger UNIQUE = new AtomicInteger();
  private static final Duration WAIT = ConnectFixture.WAIT;

  private final EmbeddedKafkaBroker broker;
  @TempDir Path dir;
  private String prefix;
  private String topic;
  private ConnectFixture connect;

  FileSinkIT(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  @BeforeEach
  void start() {
    prefix = "file-sink-" + UNIQUE.incrementAndGet();
    topic = prefix + "-in";
    connect = new ConnectFixture(broker.bootstrapServers(), prefix);
  }

  @AfterEach
  void stop() {
    connect.close();
  }

  private Map<String, String> sink(String file) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "FileStreamSink");
    config.put("tasks.max", "1");
    config.put("topics", topic);
    config.put("file", file);
    return config;
  }

  private static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> values(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> "value " + i).toList();
  }

  /** The committed kafka_offset of partition 0 of {@code topic}, from GET .../offsets; or -1. */
  private long committedOffset(String name) {
    for (JsonNode entry : connect.offsets(name)) {
      if (topic.equals(entry.path("partition").path("kafka_topic").asText())
          && entry.path("partition").path("kafka_partition").asInt() == 0) {
        return entry.path("offset").path("kafka_offset").asLong();
      }
    }
    return -1;
  }

  @Test
  void writesOneLinePerRecordWithStructsAndMapsAsJson() {
    connect.createTopic(topic, 1);
    connect.send(topic, 1, List.of("\"plain text\"", "{\"id\":7}", "[1,2,3]", "42", "null"));
    Path out = dir.resolve("out.txt");
    Map<String, String> config = sink(out.toString());
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    config.put("fsync", "true");
    connect.createConnector("json-sink", config);

    await().atMost(WAIT).until(() -> lines(out).size() == 5);
    assertThat(lines(out)).containsExactly("plain text", "{\"id\":7}", "[1,2,3]", "42", "null");

    // With schemas: a struct's fields in schema order, whatever the JSON's order.
    String structs = topic + "-structs";
    connect.createTopic(structs, 1);
    connect.send(
        structs,
        1,
        List.of(
            "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"field\":\"name\",\"type\":\"string\"},"
                + "{\"field\":\"id\",\"type\":\"int32\"}]},\"payload\":{\"id\":7,\"name\":\"seven\"}}",
            "{\"schema\":{\"type\":\"map\",\"keys\":{\"type\":\"string\"},"
                + "\"values\":{\"type\":\"int32\"}},\"payload\":{\"x\":1}}",
            "{\"schema\":{\"type\":\"string\"},\"payload\":\"text\"}"));
    Path structOut = dir.resolve("structs.txt");
    Map<String, String> withSchemas = sink(structOut.toString());
    withSchemas.put("topics", structs);
    withSchemas.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    connect.createConnector("struct-sink", withSchemas);

    await().atMost(WAIT).until(() -> lines(structOut).size() == 3);
    assertThat(lines(structOut))
        .containsExactly("{\"name\":\"seven\",\"id\":7}", "{\"x\":1}", "text");
  }

  @Test
  void tasksSharingOneFileNeverInterleaveLines() {
    connect.createTopic(topic, 4);
    String padding = "x".repeat(3000);
    List<String> values =
        IntStream.range(0, 2000).mapToObj(i -> "record-" + i + "-" + padding).toList();
    Path out = dir.resolve("shared.txt");
    Map<String, String> config = sink(out.toString());
    config.put("tasks.max", "3");
    connect.createConnector("shared-sink", config);
    connect.awaitTasksRunning("shared-sink", 3);
    connect.send(topic, 4, values);

    await().atMost(WAIT).until(() -> lines(out).size() >= 2000);
    assertThat(lines(out)).hasSize(2000).containsExactlyInAnyOrderElementsOf(values);
  }

  @Test
  void placeholdersNameAFilePerTopicAndPartitionAndFilesRotateBySize() throws Exception {
    connect.createTopic(topic, 2);
    List<String> values =
        IntStream.range(0, 400).mapToObj(i -> String.format("value %04d", i)).toList();
    connect.send(topic, 2, values);
    Map<String, String> config = sink(dir + "/${topic}/part-${partition}.txt");
    config.remove("topics");
    config.put("topics.regex", prefix + "-i.");
    config.put("rotate.bytes", "1000");
    // A pattern subscription sees new topics at its metadata refresh (5 minutes by default).
    config.put("consumer.override.metadata.max.age.ms", "500");
    connect.createConnector("placeholder-sink", config);

    Path topicDir = dir.resolve(topic);
    await()
        .atMost(WAIT)
        .until(() -> Files.isDirectory(topicDir) && allLines(topicDir).size() >= 400);
    assertThat(allLines(topicDir)).containsExactlyInAnyOrderElementsOf(values);
    try (Stream<Path> files = Files.list(topicDir)) {
      List<Path> all = files.toList();
      assertThat(all).contains(topicDir.resolve("part-0.txt"), topicDir.resolve("part-0.txt.1"));
      assertThat(all).contains(topicDir.resolve("part-1.txt"), topicDir.resolve("part-1.txt.1"));
      for (Path file : all) {
        assertThat(Files.size(file)).as("size of %s", file).isLessThanOrEqualTo(1000);
      }
    }
    assertThat(lines(topicDir.resolve("part-0.txt.1")))
        .allMatch(line -> Integer.parseInt(line.substring(6)) % 2 == 0);

    // A topic created later that matches topics.regex gets its own directory.
    String later = prefix + "-ix";
    connect.createTopic(later, 1);
    connect.send(later, 1, List.of("late 1", "late 2"));
    Path laterFile = dir.resolve(later).resolve("part-0.txt");
    await().atMost(WAIT).until(() -> lines(laterFile).size() >= 2);
    assertThat(lines(laterFile)).containsExactly("late 1", "late 2");
  }

  @Test
  void pauseResumeAndOffsetsOverRest() {
    connect.createTopic(topic, 1);
    Path out = dir.resolve("rest.txt");
    connect.createConnector("rest-sink", sink(out.toString()));
    connect.send(topic, 1, values(0, 10));
    await().atMost(WAIT).until(() -> lines(out).size() == 10);
    // The file is written out before an offset is committed: the committed offset never runs ahead.
    await().atMost(WAIT).until(() -> committedOffset("rest-sink") == 10);
    assertThat(lines(out)).containsExactlyElementsOf(values(0, 10));

    connect.pause("rest-sink");
    connect.awaitTaskState("rest-sink", 0, "PAUSED");
    connect.send(topic, 1, values(10, 15));
    connect.resume("rest-sink");
    connect.awaitTasksRunning("rest-sink", 1);
    await().atMost(WAIT).until(() -> lines(out).size() >= 15);
    await().atMost(WAIT).until(() -> committedOffset("rest-sink") == 15);

    // Rewind to offset 12 while stopped: records 12-14 are written again.
    connect.stop("rest-sink");
    connect.awaitConnectorState("rest-sink", "STOPPED");
    connect.patchOffsets(
        "rest-sink",
        Map.of(Map.of("kafka_topic", topic, "kafka_partition", 0), Map.of("kafka_offset", 12)));
    assertThat(committedOffset("rest-sink")).isEqualTo(12);
    connect.resume("rest-sink");
    await().atMost(WAIT).until(() -> lines(out).size() >= 18);
    List<String> expected = new ArrayList<>(values(0, 15));
    expected.addAll(values(12, 15));
    assertThat(lines(out)).containsExactlyElementsOf(expected);

    // Reset while stopped: the group starts again from the earliest record.
    await().atMost(WAIT).until(() -> committedOffset("rest-sink") == 15);
    connect.stop("rest-sink");
    connect.awaitConnectorState("rest-sink", "STOPPED");
    connect.resetOffsets("rest-sink");
    assertThat(connect.offsets("rest-sink")).isEmpty();
    connect.resume("rest-sink");
    await().atMost(WAIT).until(() -> lines(out).size() >= 33);
    expected.addAll(values(0, 15));
    assertThat(lines(out)).containsExactlyElementsOf(expected);

    connect.deleteConnector("rest-sink");
    assertThat(connect.connectors()).doesNotContain("rest-sink");
  }

  private static List<String> allLines(Path directory) throws IOException {
    List<String> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.toList()) {
        all.addAll(lines(file));
      }
    }
    return all;
  }
}
