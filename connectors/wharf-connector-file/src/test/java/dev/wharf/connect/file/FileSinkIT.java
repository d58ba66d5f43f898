package dev.wharf.connect.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.connect.storage.TargetState;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** The file sink loaded from its plugin directory and run by a Wharf worker on a real broker. */
@ExtendWith(SharedKafkaBroker.class)
class FileSinkIT {
  private static final AtomicInteger UNIQUE = new AtomicInteger();

  private final EmbeddedKafkaBroker broker;
  private final Topics topics;
  @TempDir Path dir;
  private String prefix;
  private String topic;
  private ConnectWorker connect;

  FileSinkIT(EmbeddedKafkaBroker broker) {
    this.broker = broker;
    this.topics = new Topics(broker.bootstrapServers());
  }

  @BeforeEach
  void start() {
    prefix = "file-sink-" + UNIQUE.incrementAndGet();
    topic = prefix + "-in";
    connect = new ConnectWorker(broker.bootstrapServers(), prefix);
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
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void writesOneLinePerRecordWithMapsAsJson() throws Exception {
    topics.create(topic, 1);
    topics.send(topic, 1, List.of("\"plain text\"", "{\"id\":7}", "[1,2,3]", "42", "null"));
    Path out = dir.resolve("out.txt");
    Map<String, String> config = sink(out.toString());
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    config.put("fsync", "true");
    connect.herder.createConnector("json-sink", config, TargetState.STARTED);

    await().atMost(ConnectWorker.WAIT).until(() -> lines(out).size() == 5);
    assertThat(lines(out)).containsExactly("plain text", "{\"id\":7}", "[1,2,3]", "42", "null");
  }

  @Test
  void tasksSharingOneFileNeverInterleaveLines() throws Exception {
    topics.create(topic, 4);
    String padding = "x".repeat(3000);
    List<String> values =
        IntStream.range(0, 2000).mapToObj(i -> "record-" + i + "-" + padding).toList();
    Path out = dir.resolve("shared.txt");
    Map<String, String> config = sink(out.toString());
    config.put("tasks.max", "3");
    connect.herder.createConnector("shared-sink", config, TargetState.STARTED);
    connect.awaitTasksRunning("shared-sink", 3);
    topics.send(topic, 4, values);

    await().atMost(ConnectWorker.WAIT).until(() -> lines(out).size() >= 2000);
    assertThat(lines(out)).hasSize(2000).containsExactlyInAnyOrderElementsOf(values);
  }

  @Test
  void placeholdersNameAFilePerTopicAndPartitionAndFilesRotateBySize() throws Exception {
    topics.create(topic, 2);
    List<String> values =
        IntStream.range(0, 400).mapToObj(i -> String.format("value %04d", i)).toList();
    topics.send(topic, 2, values);
    Map<String, String> config = sink(dir + "/${topic}/part-${partition}.txt");
    config.remove("topics");
    config.put("topics.regex", prefix + "-i.");
    config.put("rotate.bytes", "1000");
    connect.herder.createConnector("placeholder-sink", config, TargetState.STARTED);

    Path topicDir = dir.resolve(topic);
    await()
        .atMost(ConnectWorker.WAIT)
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
