package dev.wharf.connect.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.wharf.connect.storage.TargetState;
import dev.wharf.connect.validation.InvalidRequestException;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.connect.connector.Connector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The file source loaded from its plugin directory and run by a Wharf worker on a real broker. */
@ExtendWith(SharedKafkaBroker.class)
class FileSourceIT {
  private static final AtomicInteger UNIQUE = new AtomicInteger();

  private final EmbeddedKafkaBroker broker;
  private final Topics topics;
  @TempDir Path dir;
  private String prefix;
  private String topic;
  private ConnectWorker connect;

  FileSourceIT(EmbeddedKafkaBroker broker) {
    this.broker = broker;
    this.topics = new Topics(broker.bootstrapServers());
  }

  @BeforeEach
  void start() {
    prefix = "file-source-" + UNIQUE.incrementAndGet();
    topic = prefix + "-lines";
    connect = new ConnectWorker(broker.bootstrapServers(), prefix);
  }

  @AfterEach
  void stop() {
    connect.close();
  }

  private static void append(Path file, String text) throws IOException {
    Files.writeString(
        file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static String lines(String prefix, int from, int to) {
    return IntStream.rangeClosed(from, to)
        .mapToObj(i -> prefix + i + "\n")
        .collect(Collectors.joining());
  }

  private static List<String> expected(String prefix, int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> prefix + i).toList();
  }

  private Map<String, String> source(String file) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "FileStreamSource");
    config.put("tasks.max", "1");
    config.put("file", file);
    config.put("topic", topic);
    return config;
  }

  @Test
  void seedConfigStreamsAppendedLinesAsJsonStrings() throws IOException {
    assertThat(connect.plugins.resolve("FileStreamSource", Connector.class).pluginClass().getName())
        .isEqualTo("dev.wharf.connect.file.FileStreamSourceConnector");
    Path log = dir.resolve("seed.log");
    Map<String, String> seed = new HashMap<>();
    seed.put("connector.class", "FileStreamSource");
    seed.put("tasks.max", "1");
    seed.put("file", log.toString());
    seed.put("topic", topic);
    seed.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    seed.put("key.converter.schemas.enable", "false");
    seed.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    seed.put("value.converter.schemas.enable", "false");
    connect.herder.createConnector("seed", seed, TargetState.STARTED);
    connect.awaitTasksRunning("seed", 1);

    for (int i = 1; i <= 50; i++) {
      append(log, "line " + i + "\n");
    }

    await().atMost(ConnectWorker.WAIT).until(() -> topics.values(topic).size() >= 50);
    List<ConsumerRecord<String, String>> records = topics.records(topic);
    assertThat(records)
        .extracting(ConsumerRecord::value)
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, 50).mapToObj(i -> "\"line " + i + "\"").toList());
    assertThat(records).extracting(ConsumerRecord::key).containsOnlyNulls();
  }

  @Test
  void anAppendedLineReachesKafkaWithinAFewPollIntervals() throws IOException {
    Path log = dir.resolve("latency.log");
    connect.herder.createConnector("latency", source(log.toString()), TargetState.STARTED);
    append(log, "warm-up\n");
    await().atMost(ConnectWorker.WAIT).until(() -> topics.values(topic).size() == 1);

    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    List<Long> latencies = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToEnd(List.of(partition));
      consumer.position(partition);
      for (int i = 0; i < 10; i++) {
        long appended = System.nanoTime();
        append(log, "tick " + i + "\n");
        long deadline = appended + Duration.ofSeconds(10).toNanos();
        boolean seen = false;
        while (!seen && System.nanoTime() < deadline) {
          seen = !consumer.poll(Duration.ofMillis(5)).isEmpty();
        }
        assertThat(seen).as("tick %d arrived", i).isTrue();
        latencies.add(Duration.ofNanos(System.nanoTime() - appended).toMillis());
      }
    }
    // poll.interval.ms is 100; the rest is the producer and the consumer's own polling.
    Collections.sort(latencies);
    assertThat(latencies.get(latencies.size() / 2)).as("median latency in ms").isLessThan(500);
  }

  @Test
  void restartsResumeFromTheCommittedPositionWithExactCounts() throws IOException {
    Path log = dir.resolve("resume.log");
    append(log, lines("r", 1, 100));
    connect.herder.createConnector("resume", source(log.toString()), TargetState.STARTED);
    await().atMost(ConnectWorker.WAIT).until(() -> topics.values(topic).size() == 100);

    int total = 100;
    for (int restart = 1; restart <= 3; restart++) {
      connect.close();
      append(log, lines("r", total + 1, total + 40));
      total += 40;
      connect = new ConnectWorker(broker.bootstrapServers(), prefix);
      int expectedTotal = total;
      await().atMost(ConnectWorker.WAIT).until(() -> topics.values(topic).size() >= expectedTotal);
      connect.awaitTasksRunning("resume", 1);
    }
    append(log, lines("r", total + 1, total + 10));
    total += 10;
    int finalTotal = total;
    await().atMost(ConnectWorker.WAIT).until(() -> topics.values(topic).size() >= finalTotal);
    assertThat(topics.values(topic)).containsExactlyElementsOf(expected("r", 1, total));
  }

  @Test
  void offsetsInApacheLayoutAreResumedAndOursKeepThatLayout() throws Exception {
    Path log = dir.resolve("migrated.log");
    append(log, "read by apache 1\nread by apache 2\nnew 1\n");
    long apachePosition = "read by apache 1\nread by apache 2\n".length();
    connect.writeOffsets(
        "migrated", Map.of(Map.of("filename", log.toString()), Map.of("position", apachePosition)));

    connect.herder.createConnector("migrated", source(log.toString()), TargetState.STARTED);
    await().atMost(ConnectWorker.WAIT).until(() -> topics.values(topic).size() >= 1);
    append(log, "new 2\n");
    await().atMost(ConnectWorker.WAIT).until(() -> topics.values(topic).size() >= 2);
    assertThat(topics.values(topic)).containsExactly("new 1", "new 2");

    long end = Files.size(log);
    await()
        .atMost(ConnectWorker.WAIT)
        .until(
            () -> {
              Map<String, Object> offset =
                  connect.committedOffsets("migrated").get(Map.of("filename", log.toString()));
              return offset != null && ((Number) offset.get("position")).longValue() == end;
            });
  }

  @Test
  void renameRotationAndCopyTruncateLoseNoLine() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, lines("a", 1, 20));
    connect.herder.createConnector("rotating", source(log.toString()), TargetState.STARTED);
    await().atMost(ConnectWorker.WAIT).until(() -> topics.values(topic).size() == 20);

    // logrotate "create": the writer still appends to the renamed file for a moment.
    append(log, lines("a", 21, 30));
    Path rotated = dir.resolve("app.log.1");
    Files.move(log, rotated);
    append(rotated, lines("a", 31, 35));
    append(log, lines("b", 1, 25));
    await().atMost(ConnectWorker.WAIT).until(() -> topics.values(topic).size() >= 60);

    // logrotate "copytruncate": copy, then truncate in place; the writer goes on at offset 0.
    Files.copy(log, dir.resolve("app.log.2"));
    Files.writeString(log, "", StandardOpenOption.TRUNCATE_EXISTING);
    append(log, lines("c", 1, 15));
    await().atMost(ConnectWorker.WAIT).until(() -> topics.values(topic).size() >= 75);

    List<String> all = new ArrayList<>(expected("a", 1, 35));
    all.addAll(expected("b", 1, 25));
    all.addAll(expected("c", 1, 15));
    assertThat(topics.values(topic)).containsExactlyElementsOf(all);
  }

  @Test
  void globOverThreeFilesIsSpreadOverTwoTasksAndNewFilesArePickedUp() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    for (String name : List.of("one", "two", "three")) {
      append(logs.resolve(name + ".log"), lines(name + "-", 1, 10));
    }
    append(logs.resolve("ignored.txt"), "not me\n");
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "FileStreamSourceConnector");
    config.put("tasks.max", "2");
    config.put("files", logs + "/*.log");
    config.put("files.scan.interval.ms", "200");
    config.put("topic", topic);
    config.put("key.file.path", "true");
    config.put("headers.enabled", "true");
    connect.herder.createConnector("glob", config, TargetState.STARTED);

    await().atMost(ConnectWorker.WAIT).until(() -> topics.values(topic).size() == 30);
    connect.awaitTasksRunning("glob", 2);
    assertThat(connect.herder.taskInfos("glob"))
        .extracting(t -> t.config().get("task.files"))
        .containsExactly(
            logs.resolve("one.log") + "\n" + logs.resolve("two.log"),
            logs.resolve("three.log").toString());

    append(logs.resolve("four.log"), lines("four-", 1, 10));
    await().atMost(ConnectWorker.WAIT).until(() -> topics.values(topic).size() >= 40);

    List<ConsumerRecord<String, String>> records = topics.records(topic);
    assertThat(records).hasSize(40);
    for (String name : List.of("one", "two", "three", "four")) {
      Path file = logs.resolve(name + ".log");
      List<ConsumerRecord<String, String>> ofFile =
          records.stream().filter(r -> file.toString().equals(r.key())).toList();
      assertThat(ofFile)
          .extracting(ConsumerRecord::value)
          .containsExactlyElementsOf(expected(name + "-", 1, 10));
      assertThat(
              new String(
                  ofFile.get(9).headers().lastHeader("line").value(), StandardCharsets.UTF_8))
          .isEqualTo("10");
      assertThat(
              new String(
                  ofFile.get(0).headers().lastHeader("file").value(), StandardCharsets.UTF_8))
          .isEqualTo(file.toString());
    }
  }

  @Test
  void overLongLinesAreSkippedSplitOrFailTheTask() throws IOException {
    Path log = dir.resolve("long.log");
    append(log, "ok\n" + "x".repeat(40) + "\nafter\n");
    for (String action : List.of("skip", "split", "fail")) {
      Map<String, String> config = source(log.toString());
      config.put("topic", topic + "-" + action);
      config.put("max.line.bytes", "16");
      config.put("max.line.action", action);
      connect.herder.createConnector("long-" + action, config, TargetState.STARTED);
    }

    await().atMost(ConnectWorker.WAIT).until(() -> topics.values(topic + "-skip").size() == 2);
    assertThat(topics.values(topic + "-skip")).containsExactly("ok", "after");
    await().atMost(ConnectWorker.WAIT).until(() -> topics.values(topic + "-split").size() == 5);
    assertThat(topics.values(topic + "-split"))
        .containsExactly("ok", "x".repeat(16), "x".repeat(16), "x".repeat(8), "after");
    await()
        .atMost(ConnectWorker.WAIT)
        .until(() -> "FAILED".equals(connect.taskState("long-fail", 0)));
    assertThat(connect.herder.connectorStatus("long-fail").tasks().get(0).trace())
        .contains("Line 2 of " + log)
        .contains("max.line.bytes=16");
    assertThat(topics.values(topic + "-fail")).containsExactly("ok");
  }

  @Test
  void pathsOutsideFileAllowedPathsAreRefusedAtValidation() throws IOException {
    Path allowed = Files.createDirectories(dir.resolve("allowed"));
    Path secret = dir.resolve("secret.txt");
    System.setProperty("wharf.file.allowed.paths", allowed.toString());
    try {
      assertThatThrownBy(
              () ->
                  connect.herder.createConnector(
                      "sneaky", source(secret.toString()), TargetState.STARTED))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("Path " + secret + " is outside the directories");
      assertThat(connect.herder.validate(source(secret.toString())).configs())
          .filteredOn(c -> c.value().name().equals("file"))
          .singleElement()
          .satisfies(c -> assertThat(c.value().errors()).hasSize(1));

      Map<String, String> sink = new HashMap<>();
      sink.put("connector.class", "FileStreamSink");
      sink.put("topics", topic);
      sink.put("file", dir.resolve("out.txt").toString());
      assertThatThrownBy(
              () -> connect.herder.createConnector("sneaky-sink", sink, TargetState.STARTED))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("Path " + dir.resolve("out.txt") + " is outside");

      connect.herder.createConnector(
          "fine", source(allowed.resolve("in.log").toString()), TargetState.STARTED);
      append(allowed.resolve("in.log"), "allowed\n");
      await()
          .atMost(ConnectWorker.WAIT)
          .until(() -> topics.values(topic).equals(List.of("allowed")));
    } finally {
      System.clearProperty("wharf.file.allowed.paths");
    }
  }

  @Test
  void invalidPathsAreReportedOnTheirKeyAndRunTimeProblemsFailTheTask() throws IOException {
    Map<String, String> directory = source(dir.toString());
    assertThatThrownBy(() -> connect.herder.createConnector("dir", directory, TargetState.STARTED))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("File " + dir + " is a directory");

    Map<String, String> bad = source(dir.resolve("a.log").toString());
    bad.remove("file");
    bad.put("files", dir + "/[broken.log");
    bad.put("encoding", "UTF-32");
    Map<String, List<String>> errors = new HashMap<>();
    connect
        .herder
        .validate(bad)
        .configs()
        .forEach(c -> errors.put(c.value().name(), c.value().errors()));
    assertThat(errors.get("files")).singleElement().asString().startsWith("Invalid glob");
    assertThat(errors.get("encoding"))
        .singleElement()
        .asString()
        .startsWith("Encoding UTF-32 is not supported");
    assertThat(errors.get("topic")).isEmpty();

    Path gone = Files.createDirectories(dir.resolve("gone"));
    connect.herder.createConnector(
        "vanishing", source(gone.resolve("x.log").toString()), TargetState.STARTED);
    connect.awaitTasksRunning("vanishing", 1);
    Files.delete(gone);
    await()
        .atMost(ConnectWorker.WAIT)
        .until(() -> "FAILED".equals(connect.taskState("vanishing", 0)));
    assertThat(connect.herder.connectorStatus("vanishing").tasks().get(0).trace())
        .contains("Directory " + gone + " of file " + gone.resolve("x.log") + " does not exist");
  }
}
