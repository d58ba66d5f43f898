package dev.wharf.connect.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.connect.testing.ConnectFixture;
import dev.wharf.connect.testing.Http;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.io.IOException;
import java.nio.charset.Charset;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file source loaded from its plugin directory by a Wharf worker on a real broker, driven only
 * through the Connect REST API, as a user would with curl.
 */
@ExtendWith(SharedKafkaBroker.class)
class FileSourceIT {
  private static final AtomicInteger UNIQUE = new AtomicInteger();
  private static final Duration WAIT = ConnectFixture.WAIT;

  private final EmbeddedKafkaBroker broker;
  @TempDir Path dir;
  private String prefix;
  private String topic;
  private ConnectFixture connect;

  FileSourceIT(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  @BeforeEach
  void start() {
    prefix = "file-source-" + UNIQUE.incrementAndGet();
    topic = prefix + "-lines";
    connect = new ConnectFixture(broker.bootstrapServers(), prefix);
  }

  @AfterEach
  void stop() {
    connect.close();
  }

  private static void append(Path file, String text) throws IOException {
    append(file, text, StandardCharsets.UTF_8);
  }

  private static void append(Path file, String text, Charset charset) throws IOException {
    Files.writeString(file, text, charset, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
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

  private List<String> values() {
    return connect.values(topic);
  }

  /** The committed source offset of {@code file} as GET /connectors/{name}/offsets shows it. */
  private long committedPosition(String name, Path file) {
    for (JsonNode entry : connect.offsets(name)) {
      if (file.toString().equals(entry.path("partition").path("filename").asText())) {
        return entry.path("offset").path("position").asLong();
      }
    }
    return -1;
  }

  @Test
  void seedConfigStreamsAppendedLinesAsJsonStrings() throws IOException {
    Path log = dir.resolve("seed.log");
    Map<String, String> seed = source(log.toString());
    seed.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    seed.put("key.converter.schemas.enable", "false");
    seed.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    seed.put("value.converter.schemas.enable", "false");
    JsonNode created = connect.createConnector("seed", seed);
    assertThat(created.path("type").asText()).isEqualTo("source");
    connect.awaitTasksRunning("seed", 1);
    assertThat(connect.http().get("/connector-plugins").json())
        .extracting(p -> p.path("class").asText())
        .contains("dev.wharf.connect.file.FileStreamSourceConnector");

    for (int i = 1; i <= 50; i++) {
      append(log, "line " + i + "\n");
    }

    await().atMost(WAIT).until(() -> values().size() >= 50);
    List<ConsumerRecord<String, String>> records = connect.records(topic);
    assertThat(records)
        .extracting(ConsumerRecord::value)
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, 50).mapToObj(i -> "\"line " + i + "\"").toList());
    assertThat(records).extracting(ConsumerRecord::key).containsOnlyNulls();
  }

  @Test
  void anAppendedLineReachesKafkaWithinAFewPollIntervals() throws IOException {
    Path log = dir.resolve("latency.log");
    connect.createConnector("latency", source(log.toString()));
    append(log, "warm-up\n");
    await().atMost(WAIT).until(() -> values().size() == 1);

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
    // Multi-byte characters: positions are bytes, so a resume must not drift.
    append(log, lines("r-é-", 1, 100));
    connect.createConnector("resume", source(log.toString()));
    await().atMost(WAIT).until(() -> values().size() == 100);

    int total = 100;
    for (int restart = 1; restart <= 3; restart++) {
      connect.close();
      append(log, lines("r-é-", total + 1, total + 40));
      total += 40;
      connect = new ConnectFixture(broker.bootstrapServers(), prefix);
      int expectedTotal = total;
      await().atMost(WAIT).until(() -> values().size() >= expectedTotal);
      connect.awaitTasksRunning("resume", 1);
    }
    append(log, lines("r-é-", total + 1, total + 10));
    total += 10;
    int finalTotal = total;
    await().atMost(WAIT).until(() -> values().size() >= finalTotal);
    assertThat(values()).containsExactlyElementsOf(expected("r-é-", 1, total));
    long end = Files.size(log);
    await().atMost(WAIT).until(() -> committedPosition("resume", log) == end);
  }

  @Test
  void pauseResumeStopAndDeleteOverRest() throws IOException {
    Path log = dir.resolve("lifecycle.log");
    append(log, lines("l", 1, 10));
    connect.createConnector("lifecycle", source(log.toString()));
    await().atMost(WAIT).until(() -> values().size() == 10);

    connect.pause("lifecycle");
    connect.awaitConnectorState("lifecycle", "PAUSED");
    connect.awaitTaskState("lifecycle", 0, "PAUSED");
    append(log, lines("l", 11, 20));
    connect.resume("lifecycle");
    connect.awaitTasksRunning("lifecycle", 1);
    await().atMost(WAIT).until(() -> values().size() >= 20);

    connect.stop("lifecycle");
    connect.awaitConnectorState("lifecycle", "STOPPED");
    assertThat(connect.status("lifecycle").path("tasks")).isEmpty();
    assertThat(connect.tasks("lifecycle")).isEmpty();
    append(log, lines("l", 21, 25));
    connect.resume("lifecycle");
    connect.awaitTasksRunning("lifecycle", 1);
    await().atMost(WAIT).until(() -> values().size() >= 25);
    assertThat(values()).containsExactlyElementsOf(expected("l", 1, 25));

    connect.deleteConnector("lifecycle");
    assertThat(connect.connectors()).doesNotContain("lifecycle");
    assertThat(connect.http().get("/connectors/lifecycle/status").status()).isEqualTo(404);
    append(log, lines("l", 26, 30));
    // Nothing reads the file any more: a new connector of that name starts where this one ended.
    connect.createConnector("lifecycle", source(log.toString()));
    await().atMost(WAIT).until(() -> values().size() >= 30);
    assertThat(values()).containsExactlyElementsOf(expected("l", 1, 30));
  }

  @Test
  void offsetsAreReadAlteredAndResetOverRest() throws IOException {
    Path log = dir.resolve("offsets.log");
    append(log, lines("o", 1, 10));
    connect.createConnector("offsets", source(log.toString()));
    await().atMost(WAIT).until(() -> values().size() == 10);
    long end = Files.size(log);
    await().atMost(WAIT).until(() -> committedPosition("offsets", log) == end);

    Http.Response running =
        connect.http().patch("/connectors/offsets/offsets", Map.of("offsets", List.of()));
    assertThat(running.status()).isEqualTo(400);
    connect.stop("offsets");
    connect.awaitConnectorState("offsets", "STOPPED");
    // Back to the start of line 8: lines 8-10 are read again.
    long line8 = lines("o", 1, 7).getBytes(StandardCharsets.UTF_8).length;
    JsonNode altered =
        connect.patchOffsets(
            "offsets", Map.of(Map.of("filename", log.toString()), Map.of("position", line8)));
    assertThat(altered.path("message").asText()).contains("altered successfully");
    assertThat(committedPosition("offsets", log)).isEqualTo(line8);
    connect.resume("offsets");
    await().atMost(WAIT).until(() -> values().size() >= 13);
    List<String> expected = new ArrayList<>(expected("o", 1, 10));
    expected.addAll(expected("o", 8, 10));
    assertThat(values()).containsExactlyElementsOf(expected);

    connect.stop("offsets");
    connect.awaitConnectorState("offsets", "STOPPED");
    assertThat(connect.resetOffsets("offsets").path("message").asText())
        .contains("reset successfully");
    assertThat(connect.offsets("offsets")).isEmpty();
    connect.resume("offsets");
    await().atMost(WAIT).until(() -> values().size() >= 23);
    expected.addAll(expected("o", 1, 10));
    assertThat(values()).containsExactlyElementsOf(expected);
  }

  @Test
  void offsetsInApacheLayoutAreResumedAndOursKeepThatLayout() throws Exception {
    Path log = dir.resolve("migrated.log");
    append(log, "read by apache 1\nread by apache 2\nnew 1\n");
    long apachePosition = "read by apache 1\nread by apache 2\n".length();
    // An offset as Apache's FileStreamSource commits it, set while the connector is STOPPED.
    connect.createConnector("migrated", source(log.toString()), "STOPPED");
    connect.awaitConnectorState("migrated", "STOPPED");
    connect.patchOffsets(
        "migrated", Map.of(Map.of("filename", log.toString()), Map.of("position", apachePosition)));

    connect.resume("migrated");
    await().atMost(WAIT).until(() -> values().size() >= 1);
    append(log, "new 2\n");
    await().atMost(WAIT).until(() -> values().size() >= 2);
    assertThat(values()).containsExactly("new 1", "new 2");

    long end = Files.size(log);
    await().atMost(WAIT).until(() -> committedPosition("migrated", log) == end);
    JsonNode offset = connect.offsets("migrated").get(0);
    assertThat(offset.path("partition").size()).isEqualTo(1);
    assertThat(offset.path("partition").has("filename")).isTrue();
    assertThat(offset.path("offset").has("position")).isTrue();
  }

  @Test
  void renameRotationAndCopyTruncateLoseNoLine() throws IOException {
    Path log = dir.resolve("app.log");
    append(log, lines("a", 1, 20));
    connect.createConnector("rotating", source(log.toString()));
    await().atMost(WAIT).until(() -> values().size() == 20);

    // logrotate "create": the writer still appends to the renamed file for a moment.
    append(log, lines("a", 21, 30));
    Path rotated = dir.resolve("app.log.1");
    Files.move(log, rotated);
    append(rotated, lines("a", 31, 35));
    append(log, lines("b", 1, 25));
    await().atMost(WAIT).until(() -> values().size() >= 60);

    // logrotate "copytruncate": copy, then truncate in place; the writer goes on at offset 0.
    Files.copy(log, dir.resolve("app.log.2"));
    Files.writeString(log, "", StandardOpenOption.TRUNCATE_EXISTING);
    append(log, lines("c", 1, 15));
    await().atMost(WAIT).until(() -> values().size() >= 75);

    List<String> all = new ArrayList<>(expected("a", 1, 35));
    all.addAll(expected("b", 1, 25));
    all.addAll(expected("c", 1, 15));
    assertThat(values()).containsExactlyElementsOf(all);
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
    connect.createConnector("glob", config);

    await().atMost(WAIT).until(() -> values().size() == 30);
    connect.awaitTasksRunning("glob", 2);
    assertThat(connect.tasks("glob"))
        .extracting(t -> t.path("config").path("task.files").asText())
        .containsExactly(
            logs.resolve("one.log") + "\n" + logs.resolve("two.log"),
            logs.resolve("three.log").toString());

    append(logs.resolve("four.log"), lines("four-", 1, 10));
    await().atMost(WAIT).until(() -> values().size() >= 40);

    List<ConsumerRecord<String, String>> records = connect.records(topic);
    assertThat(records).hasSize(40);
    for (String name : List.of("one", "two", "three", "four")) {
      Path file = logs.resolve(name + ".log");
      List<ConsumerRecord<String, String>> ofFile =
          records.stream().filter(r -> file.toString().equals(r.key())).toList();
      assertThat(ofFile)
          .extracting(ConsumerRecord::value)
          .containsExactlyElementsOf(expected(name + "-", 1, 10));
      assertThat(header(ofFile.get(9), "line")).isEqualTo("10");
      assertThat(header(ofFile.get(0), "file")).isEqualTo(file.toString());
    }
    assertThat(connect.offsets("glob")).hasSize(4);
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  @Test
  void theEncodingKeyDecodesTheFile() throws IOException {
    Path log = dir.resolve("latin1.log");
    append(log, "café crème\nnaïve\n", StandardCharsets.ISO_8859_1);
    Map<String, String> config = source(log.toString());
    config.put("encoding", "ISO-8859-1");
    connect.createConnector("latin1", config);

    await().atMost(WAIT).until(() -> values().size() >= 2);
    assertThat(values()).containsExactly("café crème", "naïve");
    long end = Files.size(log);
    await().atMost(WAIT).until(() -> committedPosition("latin1", log) == end);
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
      connect.createConnector("long-" + action, config);
    }

    await().atMost(WAIT).until(() -> connect.values(topic + "-skip").size() == 2);
    assertThat(connect.values(topic + "-skip")).containsExactly("ok", "after");
    await().atMost(WAIT).until(() -> connect.values(topic + "-split").size() == 5);
    assertThat(connect.values(topic + "-split"))
        .containsExactly("ok", "x".repeat(16), "x".repeat(16), "x".repeat(8), "after");
    assertThat(connect.awaitTaskFailed("long-fail", 0))
        .contains("Line 2 of " + log)
        .contains("max.line.bytes=16");
    assertThat(connect.values(topic + "-fail")).containsExactly("ok");
  }

  @Test
  void pathsOutsideFileAllowedPathsAreRefusedWith400() throws IOException {
    Path allowed = Files.createDirectories(dir.resolve("allowed"));
    Path secret = dir.resolve("secret.txt");
    String restricted = prefix + "-restricted";
    // A worker started with the setting publishes it to the plugin as a system property.
    try (ConnectFixture guarded =
        new ConnectFixture(
            broker.bootstrapServers(),
            restricted,
            Map.of("file.allowed.paths", allowed.toString()))) {
      Http.Response refused =
          guarded
              .http()
              .post("/connectors", Map.of("name", "sneaky", "config", source(secret.toString())));
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.json().path("error_code").asInt()).isEqualTo(400);
      assertThat(refused.json().path("message").asText())
          .contains("Path " + secret + " is outside the directories");
      JsonNode validation =
          guarded
              .http()
              .put("/connector-plugins/FileStreamSource/config/validate", source(secret.toString()))
              .json();
      assertThat(validation.path("configs"))
          .filteredOn(c -> c.path("value").path("name").asText().equals("file"))
          .singleElement()
          .satisfies(c -> assertThat(c.path("value").path("errors")).hasSize(1));

      Map<String, String> sink = new HashMap<>();
      sink.put("connector.class", "FileStreamSink");
      sink.put("topics", topic);
      sink.put("file", dir.resolve("out.txt").toString());
      Http.Response sinkRefused = guarded.http().put("/connectors/sneaky-sink/config", sink);
      assertThat(sinkRefused.status()).isEqualTo(400);
      assertThat(sinkRefused.json().path("message").asText())
          .contains("Path " + dir.resolve("out.txt") + " is outside");

      guarded.createConnector("fine", source(allowed.resolve("in.log").toString()));
      append(allowed.resolve("in.log"), "allowed\n");
      await().atMost(WAIT).until(() -> values().equals(List.of("allowed")));
    } finally {
      System.clearProperty("wharf.file.allowed.paths");
    }
  }

  @Test
  void invalidPathsAreReportedOnTheirKeyAndRunTimeProblemsFailTheTask() throws IOException {
    Http.Response directory =
        connect.http().post("/connectors", Map.of("name", "dir", "config", source(dir.toString())));
    assertThat(directory.status()).isEqualTo(400);
    assertThat(directory.json().path("message").asText())
        .contains("File " + dir + " is a directory");

    Map<String, String> bad = source(dir.resolve("a.log").toString());
    bad.remove("file");
    bad.put("files", dir + "/[broken.log");
    bad.put("encoding", "UTF-32");
    Map<String, String> errors = new HashMap<>();
    connect
        .http()
        .put("/connector-plugins/FileStreamSourceConnector/config/validate", bad)
        .json()
        .path("configs")
        .forEach(
            c ->
                errors.put(
                    c.path("value").path("name").asText(),
                    c.path("value").path("errors").toString()));
    assertThat(errors.get("files")).contains("Invalid glob");
    assertThat(errors.get("encoding")).contains("Encoding UTF-32 is not supported");
    assertThat(errors.get("topic")).isEqualTo("[]");

    Path gone = Files.createDirectories(dir.resolve("gone"));
    connect.createConnector("vanishing", source(gone.resolve("x.log").toString()));
    connect.awaitTasksRunning("vanishing", 1);
    Files.delete(gone);
    assertThat(connect.awaitTaskFailed("vanishing", 0))
        .contains("Directory " + gone + " of file " + gone.resolve("x.log") + " does not exist");
  }
}
