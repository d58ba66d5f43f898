package dev.wharf.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.connect.ConnectConfig;
import dev.wharf.connect.ConnectRuntime;
import dev.wharf.connect.testing.ChattySourceConnector;
import dev.wharf.connect.testing.ChattySourceTask;
import dev.wharf.connect.testing.Http;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /connectors/{name}/logs}: each connector's and task's own lines, as a user reads them.
 */
@ExtendWith(SharedKafkaBroker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectorLogsTest {
  private static final AtomicInteger UNIQUE = new AtomicInteger();
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BUFFER_LINES = 200;
  private static final int BUFFER_BYTES = 64 * 1024;
  private static final String FILE_SECRET = "s3cr3t-from-a-file";
  private static final String PASSWORD = "literal-credential-42";

  private final EmbeddedKafkaBroker broker;
  private ConnectRuntime runtime;
  private Http http;
  private Path secrets;

  ConnectorLogsTest(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  @BeforeAll
  void startWorker() throws Exception {
    secrets = Files.createTempFile("wharf-secrets", ".properties");
    Files.writeString(secrets, "token=" + FILE_SECRET + "\n");
    String prefix = "logs-" + UUID.randomUUID();
    Map<String, String> props = new HashMap<>();
    props.put("bootstrap.servers", broker.bootstrapServers());
    props.put("listeners", "http://127.0.0.1:0");
    props.put("config.storage.topic", prefix + "-configs");
    props.put("offset.storage.topic", prefix + "-offsets");
    props.put("status.storage.topic", prefix + "-status");
    props.put("offset.storage.partitions", "1");
    props.put("status.storage.partitions", "1");
    props.put("connector.logs.buffer.lines", String.valueOf(BUFFER_LINES));
    props.put("connector.logs.buffer.bytes", String.valueOf(BUFFER_BYTES));
    props.put("config.providers", "file");
    props.put(
        "config.providers.file.class",
        "org.apache.kafka.common.config.provider.FileConfigProvider");
    runtime = ConnectRuntime.distributed(ConnectConfig.parse("test", props));
    http = new Http(runtime.url());
  }

  @AfterAll
  void stopWorker() throws Exception {
    runtime.close();
    Files.deleteIfExists(secrets);
  }

  private String startChatty(Map<String, String> extra) {
    String name = "chatty-" + UNIQUE.incrementAndGet();
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", ChattySourceConnector.class.getName());
    config.put("tasks.max", "1");
    config.putAll(extra);
    assertThat(http.post("/connectors", Map.of("name", name, "config", config)).status())
        .isEqualTo(201);
    return name;
  }

  private JsonNode logs(String path) {
    Http.Response response = http.get(path);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().isArray()).isTrue();
    return response.json();
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> result = new ArrayList<>();
    array.forEach(result::add);
    return result;
  }

  @Test
  void pluginLinesAreCapturedPerConnectorAndPerTask() {
    String name = startChatty(Map.of());
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .until(
            () ->
                list(logs("/connectors/" + name + "/logs?tail=1000")).stream()
                    .anyMatch(line -> line.path("message").asText().equals("poll 3")));

    List<JsonNode> all = list(logs("/connectors/" + name + "/logs?tail=1000"));
    JsonNode poll =
        all.stream()
            .filter(l -> l.get("message").asText().equals("poll 1"))
            .findFirst()
            .orElseThrow();
    assertThat(poll.get("logger").asText()).isEqualTo(ChattySourceTask.class.getName());
    assertThat(poll.get("level").asText()).isEqualTo("INFO");
    assertThat(poll.get("connector").asText()).isEqualTo(name);
    assertThat(poll.get("task").asInt()).isZero();
    assertThat(poll.get("thread").asText()).isNotBlank();
    assertThat(Instant.parse(poll.get("time").asText()).toEpochMilli())
        .isEqualTo(poll.get("timestamp").asLong());
    assertThat(poll.has("stack_trace")).isFalse();
    JsonNode started =
        all.stream()
            .filter(l -> l.get("message").asText().equals("chatty connector " + name + " starting"))
            .findFirst()
            .orElseThrow();
    assertThat(started.get("logger").asText()).isEqualTo(ChattySourceConnector.class.getName());
    assertThat(started.has("task")).as("connector-level lines carry no task").isFalse();
    JsonNode error =
        all.stream().filter(l -> l.get("level").asText().equals("ERROR")).findFirst().orElseThrow();
    assertThat(error.get("stack_trace").asText()).contains("IllegalStateException: tenth poll");
    assertThat(all.stream().map(l -> l.get("timestamp").asLong()).toList()).isSorted();

    List<JsonNode> taskLines = list(logs("/connectors/" + name + "/tasks/0/logs?tail=1000"));
    assertThat(taskLines).isNotEmpty().allMatch(l -> l.path("task").asInt(-1) == 0);
    assertThat(taskLines).noneMatch(l -> l.get("message").asText().contains("starting"));
    // Another connector's lines never show up here.
    String other = startChatty(Map.of());
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .until(() -> logs("/connectors/" + other + "/logs").size() > 2);
    assertThat(list(logs("/connectors/" + name + "/logs?tail=1000")))
        .allMatch(l -> l.get("connector").asText().equals(name));
  }

  @Test
  void tailLevelAndSinceSelectLines() {
    String name = startChatty(Map.of());
    String path = "/connectors/" + name + "/logs";
    await().atMost(WAIT).ignoreExceptions().until(() -> logs(path + "?tail=1000").size() >= 120);

    JsonNode tail = logs(path + "?tail=5");
    assertThat(tail.size()).isEqualTo(5);
    assertThat(logs(path).size()).isEqualTo(100); // the default tail
    List<JsonNode> warnings = list(logs(path + "?level=warn&tail=1000"));
    assertThat(warnings)
        .isNotEmpty()
        .allMatch(l -> List.of("WARN", "ERROR").contains(l.get("level").asText()));
    assertThat(warnings).anyMatch(l -> l.get("level").asText().equals("ERROR"));

    List<JsonNode> lines = list(logs(path + "?tail=1000"));
    long middle = lines.get(lines.size() / 2).get("timestamp").asLong();
    List<JsonNode> sinceMillis = list(logs(path + "?tail=1000&since=" + middle));
    assertThat(sinceMillis).isNotEmpty().allMatch(l -> l.get("timestamp").asLong() >= middle);
    assertThat(sinceMillis.size()).isLessThan(lines.size() + 10);
    String iso = URLEncoder.encode(Instant.ofEpochMilli(middle).toString(), StandardCharsets.UTF_8);
    assertThat(list(logs(path + "?tail=1000&since=" + iso)))
        .isNotEmpty()
        .allMatch(l -> l.get("timestamp").asLong() >= middle);
    assertThat(logs(path + "?since=" + (System.currentTimeMillis() + 3_600_000)).size()).isZero();

    assertError(http.get(path + "?tail=many"), 400);
    assertError(http.get(path + "?tail=-1"), 400);
    assertError(http.get(path + "?level=LOUD"), 400);
    assertError(http.get(path + "?since=yesterday"), 400);
    assertError(http.get("/connectors/no-such-connector/logs"), 404);
    assertError(http.get("/connectors/" + name + "/tasks/7/logs"), 404);
    assertError(http.get("/connectors/" + name + "/tasks/x/logs"), 404);
  }

  @Test
  void aFloodingPluginKeepsMemoryBounded() {
    // 40 lines of 4,000 characters per poll: far more than the buffer may hold.
    String name =
        startChatty(Map.of("line.chars", "4000", "lines.per.poll", "40", "poll.sleep.ms", "1"));
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .until(
            () ->
                list(logs("/connectors/" + name + "/logs?tail=100000")).stream()
                    .anyMatch(l -> l.get("message").asText().startsWith("flood 39")));

    List<JsonNode> kept = list(logs("/connectors/" + name + "/logs?tail=100000"));
    long chars = 0;
    for (JsonNode line : kept) {
      chars +=
          line.get("message").asText().length()
              + line.path("stack_trace").asText().length()
              + line.get("logger").asText().length()
              + line.get("thread").asText().length()
              + line.get("connector").asText().length();
    }
    assertThat(kept.size()).isLessThanOrEqualTo(BUFFER_LINES);
    assertThat(2 * chars).isLessThanOrEqualTo(BUFFER_BYTES);
    // The flood goes on; the buffer keeps its newest lines and stays within bounds.
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .until(
            () -> {
              List<JsonNode> later = list(logs("/connectors/" + name + "/logs?tail=100000"));
              return later.size() <= BUFFER_LINES
                  && !later.get(0).get("timestamp").equals(kept.get(0).get("timestamp"));
            });
  }

  @Test
  void resolvedSecretsAndPasswordsAreMasked() {
    String name =
        startChatty(Map.of("api.credential", PASSWORD, "token", "${file:" + secrets + ":token}"));
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .until(
            () ->
                list(logs("/connectors/" + name + "/logs")).stream()
                    .anyMatch(l -> l.get("message").asText().startsWith("connecting with")));

    Http.Response response = http.get("/connectors/" + name + "/logs?tail=1000");
    assertThat(response.body()).doesNotContain(FILE_SECRET).doesNotContain(PASSWORD);
    JsonNode connecting =
        list(response.json()).stream()
            .filter(l -> l.get("message").asText().startsWith("connecting with"))
            .findFirst()
            .orElseThrow();
    assertThat(connecting.get("message").asText())
        .isEqualTo("connecting with credential [hidden] and token [hidden]");
    // The stored config keeps its placeholder; the task did get the real value.
    assertThat(http.get("/connectors/" + name + "/config").json().get("token").asText())
        .startsWith("${file:");
  }

  @Test
  void followStreamsTheTailThenNewLinesAsServerSentEvents() throws Exception {
    String name = startChatty(Map.of("poll.sleep.ms", "50"));
    String path = "/connectors/" + name + "/tasks/0/logs";
    await().atMost(WAIT).ignoreExceptions().until(() -> logs(path).size() >= 3);
    long before = System.currentTimeMillis();

    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<Stream<String>> response =
        client.send(
            HttpRequest.newBuilder(runtime.url().resolve(path + "?follow=true&tail=2")).build(),
            HttpResponse.BodyHandlers.ofLines());
    // The tail is read while the request is served, before its headers arrive here.
    long answered = System.currentTimeMillis();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    List<JsonNode> events = new ArrayList<>();
    try (Stream<String> lines = response.body()) {
      Iterator<String> it = lines.iterator();
      CompletableFuture<Void> reading =
          CompletableFuture.runAsync(
              () -> {
                while (events.size() < 8 && it.hasNext()) {
                  String line = it.next();
                  if (line.startsWith("data: ")) {
                    try {
                      events.add(JSON.readTree(line.substring("data: ".length())));
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  }
                }
              });
      reading.get(60, TimeUnit.SECONDS);
    }

    assertThat(events).hasSize(8).allMatch(e -> e.get("connector").asText().equals(name));
    assertThat(events).allMatch(e -> e.get("task").asInt() == 0);
    // The first two are the tail, older than the request; the rest came while following.
    assertThat(events.get(0).get("timestamp").asLong()).isLessThanOrEqualTo(answered);
    assertThat(events.get(7).get("timestamp").asLong()).isGreaterThan(before);
    assertThat(events.stream().map(e -> e.get("timestamp").asLong()).toList()).isSorted();
  }

  private static void assertError(Http.Response response, int status) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.json().get("error_code").asInt()).isEqualTo(status);
    assertThat(response.json().get("message").asText()).isNotBlank();
  }
}
