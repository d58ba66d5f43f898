package dev.wharf.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.connect.ConnectConfig;
import dev.wharf.connect.ConnectRuntime;
import dev.wharf.connect.testing.CountingSourceConnector;
import dev.wharf.connect.testing.Http;
import dev.wharf.connect.testing.RecordingSinkConnector;
import dev.wharf.connect.testing.RecordingSinkTask;
import dev.wharf.connect.testing.Topics;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The Connect REST API driven like a user with curl, against a worker on a real broker. */
@ExtendWith(SharedKafkaBroker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectRestTest {
  private static final AtomicInteger UNIQUE = new AtomicInteger();
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final EmbeddedKafkaBroker broker;
  @TempDir Path dir;
  private ConnectRuntime runtime;
  private Http http;

  ConnectRestTest(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  @BeforeAll
  void startWorker() {
    String prefix = "rest-" + UUID.randomUUID();
    Map<String, String> props = new HashMap<>();
    props.put("bootstrap.servers", broker.bootstrapServers());
    props.put("listeners", "http://127.0.0.1:0");
    props.put("config.storage.topic", prefix + "-configs");
    props.put("offset.storage.topic", prefix + "-offsets");
    props.put("status.storage.topic", prefix + "-status");
    props.put("offset.storage.partitions", "1");
    props.put("status.storage.partitions", "1");
    props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("offset.flush.interval.ms", "200");
    props.put("config.providers", "file");
    props.put(
        "config.providers.file.class",
        "org.apache.kafka.common.config.provider.FileConfigProvider");
    props.put("plugin.path", pluginDir().toString());
    runtime = ConnectRuntime.distributed(ConnectConfig.parse("test", props));
    http = new Http(runtime.url());
  }

  /** A plugin.path holding Apache's own connect-file 4.3.1 JAR, as a user would install it. */
  private static Path pluginDir() {
    try {
      Path plugins = Files.createTempDirectory("wharf-plugins");
      Path jar = Path.of(System.getProperty("wharf.test.connectFileJar"));
      Files.createDirectories(plugins.resolve("connect-file"));
      Files.copy(jar, plugins.resolve("connect-file").resolve("connect-file-4.3.1.jar"));
      return plugins;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterAll
  void stopWorker() {
    runtime.close();
  }

  @Test
  void rootAndHealthDescribeTheWorker() {
    JsonNode root = http.get("/").json();
    assertThat(root.get("version").asText()).isEqualTo("4.3.1");
    assertThat(root.get("kafka_cluster_id").asText()).isEqualTo(broker.clusterId());
    assertThat(root.has("commit")).isTrue();
    Http.Response health = http.get("/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asText()).isEqualTo("healthy");
  }

  @Test
  void sourceConnectorFullLifecycle() {
    String name = "counter-" + UNIQUE.incrementAndGet();
    String topic = name + "-out";

    Http.Response created =
        http.post("/connectors", Map.of("name", name, "config", source(topic, 10)));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).endsWith("/connectors/" + name);
    assertThat(created.json().get("name").asText()).isEqualTo(name);
    assertThat(created.json().get("type").asText()).isEqualTo("source");
    assertThat(created.json().get("config").get("topic").asText()).isEqualTo(topic);
    assertThat(http.get("/connectors").json()).extracting(JsonNode::asText).contains(name);
    await().atMost(WAIT).until(() -> Topics.values(broker.bootstrapServers(), topic).size() == 10);
    await().atMost(WAIT).until(() -> "RUNNING".equals(taskState(name, 0)));
    JsonNode status = http.get("/connectors/" + name + "/status").json();
    assertThat(status.get("connector").get("state").asText()).isEqualTo("RUNNING");
    assertThat(status.get("connector").get("worker_id").asText()).startsWith("127.0.0.1:");
    assertThat(status.get("type").asText()).isEqualTo("source");
    JsonNode tasks = http.get("/connectors/" + name + "/tasks").json();
    assertThat(tasks.get(0).get("id").get("connector").asText()).isEqualTo(name);
    assertThat(tasks.get(0).get("id").get("task").asInt()).isZero();
    assertThat(tasks.get(0).get("config").get("task.class").asText())
        .endsWith("CountingSourceTask");

    assertThat(http.put("/connectors/" + name + "/pause", null).status()).isEqualTo(202);
    await().atMost(WAIT).until(() -> "PAUSED".equals(taskState(name, 0)));
    assertThat(http.put("/connectors/" + name + "/resume", null).status()).isEqualTo(202);
    await().atMost(WAIT).until(() -> "RUNNING".equals(taskState(name, 0)));

    assertThat(http.put("/connectors/" + name + "/stop", null).status()).isEqualTo(204);
    await().atMost(WAIT).until(() -> "STOPPED".equals(connectorState(name)));
    JsonNode offsets = http.get("/connectors/" + name + "/offsets").json().get("offsets");
    assertThat(offsets).hasSize(1);
    assertThat(offsets.get(0).get("partition").get("source").asText()).isEqualTo("counter");
    assertThat(offsets.get(0).get("offset").get("n").asInt()).isEqualTo(9);

    // Rewind to n=4: after a resume, values 5..9 are produced again.
    Http.Response altered =
        http.patch(
            "/connectors/" + name + "/offsets",
            Map.of(
                "offsets",
                List.of(
                    Map.of("partition", Map.of("source", "counter"), "offset", Map.of("n", 4)))));
    assertThat(altered.status()).isEqualTo(200);
    assertThat(altered.json().get("message").asText())
        .isEqualTo("The offsets for this connector have been altered successfully");
    http.put("/connectors/" + name + "/resume", null);
    await().atMost(WAIT).until(() -> Topics.values(broker.bootstrapServers(), topic).size() == 15);
    assertThat(Topics.values(broker.bootstrapServers(), topic).subList(10, 15))
        .containsExactly("value-5", "value-6", "value-7", "value-8", "value-9");

    assertThat(http.delete("/connectors/" + name).status()).isEqualTo(204);
    Http.Response gone = http.get("/connectors/" + name);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().get("error_code").asInt()).isEqualTo(404);
    assertThat(gone.json().get("message").asText()).isEqualTo("Connector " + name + " not found");
  }

  @Test
  void sinkConnectorConsumesCommitsAndTracksTopics() {
    String name = "sink-" + UNIQUE.incrementAndGet();
    String topic = name + "-in";
    Topics.produce(broker.bootstrapServers(), topic, "x", "y", "z");
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "RecordingSink");
    config.put("topics", topic);
    config.put("recorder", name);

    assertThat(http.put("/connectors/" + name + "/config", config).status()).isEqualTo(201);
    await().atMost(WAIT).until(() -> RecordingSinkTask.recorded(name).size() == 3);
    assertThat(http.put("/connectors/" + name + "/config", config).status()).isEqualTo(200);

    await()
        .atMost(WAIT)
        .until(
            () ->
                http.get("/connectors/" + name + "/topics").json().get(name).get("topics").size()
                    == 1);
    assertThat(
            http.get("/connectors/" + name + "/topics")
                .json()
                .get(name)
                .get("topics")
                .get(0)
                .asText())
        .isEqualTo(topic);
    http.put("/connectors/" + name + "/stop", null);
    await().atMost(WAIT).until(() -> "STOPPED".equals(connectorState(name)));
    await()
        .atMost(WAIT)
        .until(
            () -> http.get("/connectors/" + name + "/offsets").json().get("offsets").size() == 1);
    JsonNode offset = http.get("/connectors/" + name + "/offsets").json().get("offsets").get(0);
    assertThat(offset.get("partition").get("kafka_topic").asText()).isEqualTo(topic);
    assertThat(offset.get("partition").get("kafka_partition").asInt()).isZero();
    assertThat(offset.get("offset").get("kafka_offset").asLong()).isEqualTo(3);
  }

  @Test
  void failedTaskShowsTraceAndRestartOnlyFailedBringsItBack() {
    String name = "flaky-" + UNIQUE.incrementAndGet();
    Map<String, String> config = source(name + "-out", 20);
    config.put("fail.once.at", "3");
    config.put("batch", "1");
    http.post("/connectors", Map.of("name", name, "config", config));
    await().atMost(WAIT).until(() -> "FAILED".equals(taskState(name, 0)));
    assertThat(http.get("/connectors/" + name + "/tasks/0/status").json().get("trace").asText())
        .contains("counter broke at 3");

    Http.Response restarted =
        http.post("/connectors/" + name + "/restart?includeTasks=true&onlyFailed=true", null);

    assertThat(restarted.status()).isEqualTo(202);
    assertThat(restarted.json().get("connector").get("state").asText()).isEqualTo("RUNNING");
    assertThat(restarted.json().get("tasks").get(0).get("state").asText()).isEqualTo("RESTARTING");
    await()
        .atMost(WAIT)
        .until(() -> Topics.values(broker.bootstrapServers(), name + "-out").size() == 20);
    assertThat(http.post("/connectors/" + name + "/restart", null).status()).isEqualTo(204);
    assertThat(http.post("/connectors/" + name + "/tasks/0/restart", null).status()).isEqualTo(204);
  }

  @Test
  void fileSecretIsUsedByTheTaskButNeverReturned() throws Exception {
    String name = "secret-" + UNIQUE.incrementAndGet();
    Path secrets =
        Files.writeString(dir.resolve("secrets.properties"), "topic=" + name + "-hidden\n");
    Map<String, String> config = source("${file:" + secrets + ":topic}", 3);

    http.post("/connectors", Map.of("name", name, "config", config));

    await()
        .atMost(WAIT)
        .until(() -> Topics.values(broker.bootstrapServers(), name + "-hidden").size() == 3);
    assertThat(http.get("/connectors/" + name + "/config").body()).doesNotContain(name + "-hidden");
    assertThat(http.get("/connectors/" + name + "/tasks").body())
        .doesNotContain(name + "-hidden")
        .contains("${file:");
    assertThat(http.get("/connectors/" + name).body()).doesNotContain(name + "-hidden");
  }

  @Test
  void apacheFileStreamSourceFromPluginPathStreamsAFile() throws Exception {
    String name = "apache-file-" + UNIQUE.incrementAndGet();
    Path file = Files.writeString(dir.resolve(name + ".txt"), "one\ntwo\nthree\n");
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "FileStreamSource");
    config.put("file", file.toString());
    config.put("topic", name);

    assertThat(http.post("/connectors", Map.of("name", name, "config", config)).status())
        .isEqualTo(201);

    await().atMost(WAIT).until(() -> Topics.values(broker.bootstrapServers(), name).size() == 3);
    assertThat(Topics.values(broker.bootstrapServers(), name))
        .containsExactly("one", "two", "three");
    JsonNode plugins = http.get("/connector-plugins").json();
    assertThat(plugins.findValuesAsText("class"))
        .contains("org.apache.kafka.connect.file.FileStreamSourceConnector");
  }

  @Test
  void validateAnswersApacheShapeWithErrors() {
    Map<String, String> config =
        Map.of("connector.class", RecordingSinkConnector.class.getName(), "name", "v");

    Http.Response response =
        http.put("/connector-plugins/RecordingSinkConnector/config/validate", config);

    assertThat(response.status()).isEqualTo(200);
    JsonNode body = response.json();
    assertThat(body.get("name").asText()).isEqualTo(RecordingSinkConnector.class.getName());
    assertThat(body.get("error_count").asInt()).isEqualTo(3);
    assertThat(body.get("groups").get(0).asText()).isEqualTo("Common");
    JsonNode topics = null;
    for (JsonNode entry : body.get("configs")) {
      if (entry.get("value").get("name").asText().equals("topics")) {
        topics = entry;
      }
    }
    assertThat(topics).isNotNull();
    assertThat(topics.get("definition").fieldNames())
        .toIterable()
        .containsExactly(
            "name",
            "type",
            "required",
            "default_value",
            "importance",
            "documentation",
            "group",
            "order",
            "width",
            "display_name",
            "dependents");
    assertThat(topics.get("value").fieldNames())
        .toIterable()
        .containsExactly("name", "value", "recommended_values", "errors", "visible");
    assertThat(topics.get("value").get("errors").get(0).asText())
        .isEqualTo("Must configure one of topics or topics.regex");

    Http.Response mismatch =
        http.put("/connector-plugins/FileStreamSource/config/validate", config);
    assertThat(mismatch.status()).isEqualTo(400);
    assertThat(mismatch.json().get("message").asText()).startsWith("Included connector type");
  }

  @Test
  void pluginsAndTheirConfigsAreListed() {
    JsonNode connectors = http.get("/connector-plugins").json();
    assertThat(connectors.findValuesAsText("type")).containsOnly("source", "sink");
    JsonNode all = http.get("/connector-plugins?connectorsOnly=false").json();
    assertThat(all.findValuesAsText("class"))
        .contains(
            "org.apache.kafka.connect.json.JsonConverter",
            "org.apache.kafka.connect.transforms.RegexRouter");
    JsonNode config = http.get("/connector-plugins/CountingSource/config").json();
    assertThat(config.findValuesAsText("name"))
        .contains("topic", "count", "tasks.max", "connector.class");
    Http.Response unknown = http.get("/connector-plugins/NoSuchThing/config");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("error_code").asInt()).isEqualTo(404);
  }

  @Test
  void badInputGetsClearFourHundredsAndTheServerKeepsServing() {
    String name = "bad-" + UNIQUE.incrementAndGet();
    assertError(
        http.send("POST", "/connectors", "{\"name\":\"x\",\"config\":{}}", "text/plain"), 415);
    assertError(http.send("POST", "/connectors", "{not json", "application/json"), 400);
    assertError(http.send("POST", "/connectors", "", "application/json"), 400);
    assertError(http.post("/connectors", Map.of("name", name)), 400);
    assertError(
        http.post(
            "/connectors",
            Map.of("name", name, "config", source("t", 1), "initial_state", "SLEEPING")),
        400);
    assertError(http.post("/connectors", Map.of("name", "a/b", "config", source("t", 1))), 400);
    Map<String, String> badTasks = source("t", 1);
    badTasks.put("tasks.max", "0");
    Http.Response invalid = http.post("/connectors", Map.of("name", name, "config", badTasks));
    assertError(invalid, 400);
    assertThat(invalid.json().get("message").asText())
        .startsWith("Connector configuration is invalid and contains the following 1 error(s):");
    Map<String, String> unknownClass = Map.of("connector.class", "NoSuchConnector");
    assertError(http.post("/connectors", Map.of("name", name, "config", unknownClass)), 400);
    assertError(http.get("/connectors/nope/status"), 404);
    assertError(http.put("/connectors/nope/pause", null), 404);
    assertError(http.get("/connectors/nope/tasks/x/status"), 404);
    assertError(http.get("/no/such/path"), 404);
    assertError(
        http.send(
            "POST",
            "/connectors",
            "{\"name\":\"" + "x".repeat(11 * 1024 * 1024) + "\"}",
            "application/json"),
        413);

    http.post("/connectors", Map.of("name", name, "config", source(name + "-out", 1)));
    Http.Response again =
        http.post("/connectors", Map.of("name", name, "config", source(name + "-out", 1)));
    assertError(again, 409);
    assertThat(again.json().get("message").asText())
        .isEqualTo("Connector " + name + " already exists");
    assertThat(http.get("/connectors").status()).isEqualTo(200);
  }

  @Test
  void loggerLevelsCanBeReadAndChanged() {
    Http.Response changed =
        http.put("/admin/loggers/dev.wharf.connect.worker", Map.of("level", "DEBUG"));

    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.json().findValuesAsText("")).isNotNull();
    assertThat(http.get("/admin/loggers/dev.wharf.connect.worker").json().get("level").asText())
        .isEqualTo("DEBUG");
    assertThat(http.get("/admin/loggers").json().has("dev.wharf.connect.worker")).isTrue();
    assertError(http.put("/admin/loggers/dev.wharf", Map.of("level", "LOUD")), 404);
    assertError(http.put("/admin/loggers/dev.wharf", Map.of()), 400);
    http.put("/admin/loggers/dev.wharf.connect.worker", Map.of("level", "INFO"));

    // Cluster scope goes through the config topic to every worker, this one included.
    Http.Response cluster =
        http.send(
            "PUT",
            "/admin/loggers/dev.wharf.connect.herder?scope=cluster",
            "{\"level\":\"WARN\"}",
            "application/json");
    assertThat(cluster.status()).isEqualTo(204);
    await()
        .atMost(WAIT)
        .until(
            () ->
                "WARN"
                    .equals(
                        http.get("/admin/loggers/dev.wharf.connect.herder")
                            .json()
                            .get("level")
                            .asText()));
  }

  private static void assertError(Http.Response response, int status) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.json().get("error_code").asInt()).isEqualTo(status);
    assertThat(response.json().get("message").asText()).isNotBlank().doesNotContain("\tat ");
  }

  private String taskState(String name, int task) {
    JsonNode tasks = http.get("/connectors/" + name + "/status").json().get("tasks");
    return tasks != null && tasks.size() > task ? tasks.get(task).get("state").asText() : null;
  }

  private String connectorState(String name) {
    return http.get("/connectors/" + name + "/status")
        .json()
        .get("connector")
        .get("state")
        .asText();
  }

  private static Map<String, String> source(String topic, int count) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", CountingSourceConnector.class.getName());
    config.put("topic", topic);
    config.put("count", String.valueOf(count));
    return config;
  }
}
