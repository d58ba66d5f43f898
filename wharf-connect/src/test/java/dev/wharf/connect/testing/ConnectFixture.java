package dev.wharf.connect.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.connect.ConnectConfig;
import dev.wharf.connect.ConnectRuntime;
import dev.wharf.connect.herder.Herder;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One real Wharf Connect worker for connector tests, driven over its REST API as a user would: a
 * distributed {@link ConnectRuntime} on a test broker, its REST server on a free port, its config,
 * offset and status topics named after a prefix, and the plugins of {@code plugin.path} (by default
 * the directory in the system property {@code wharf.test.pluginPath}, which a connector module's
 * surefire execution sets to the plugin directory its build made).
 *
 * <p>Closing the fixture stops the worker cleanly (final offset flushes and sink commits included);
 * a new fixture with the same prefix is the same worker restarted and finds its connectors, offsets
 * and statuses again. Worker properties default to String converters and an offset flush every 200
 * ms; {@code extra} worker properties override them. Every request helper fails with the status and
 * body when the worker answers an unexpected status; {@link #http()} sends anything else.
 */
public final class ConnectFixture implements AutoCloseable {
  /** How long waits for connector or task states and for records give up. */
  public static final Duration WAIT = Duration.ofSeconds(60);

  /** The system property naming the plugin.path entry of the connector under test. */
  public static final String PLUGIN_PATH_PROPERTY = "wharf.test.pluginPath";

  private final String bootstrapServers;
  private final ConnectRuntime runtime;
  private final Http http;

  public ConnectFixture(String bootstrapServers, String prefix) {
    this(bootstrapServers, prefix, Map.of());
  }

  /** A worker with {@code extra} worker properties (e.g. {@code consumer.*} overrides). */
  public ConnectFixture(String bootstrapServers, String prefix, Map<String, String> extra) {
    this.bootstrapServers = bootstrapServers;
    this.runtime =
        ConnectRuntime.distributed(
            ConnectConfig.parse(
                "connect fixture", workerProperties(bootstrapServers, prefix, extra)));
    this.http = new Http(runtime.url());
  }

  /** The worker properties a fixture starts with, for a worker started another way (a process). */
  public static Map<String, String> workerProperties(
      String bootstrapServers, String prefix, Map<String, String> extra) {
    Map<String, String> props = new HashMap<>();
    props.put("bootstrap.servers", bootstrapServers);
    props.put("listeners", "http://127.0.0.1:0");
    props.put("group.id", prefix);
    props.put("config.storage.topic", prefix + "-configs");
    props.put("offset.storage.topic", prefix + "-offsets");
    props.put("status.storage.topic", prefix + "-status");
    props.put("offset.storage.partitions", "1");
    props.put("status.storage.partitions", "1");
    props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("offset.flush.interval.ms", "200");
    String pluginPath = System.getProperty(PLUGIN_PATH_PROPERTY);
    if (pluginPath != null && !pluginPath.isBlank()) {
      props.put("plugin.path", pluginPath);
    }
    props.putAll(extra);
    return props;
  }

  /** The plugin.path entry of the connector under test, from {@value #PLUGIN_PATH_PROPERTY}. */
  public static Path pluginPath() {
    return Path.of(System.getProperty(PLUGIN_PATH_PROPERTY));
  }

  /** The REST API's base URL. */
  public URI url() {
    return runtime.url();
  }

  /** A client for requests the helpers below do not cover (bad input, other endpoints). */
  public Http http() {
    return http;
  }

  /** The herder, for in-process checks the REST API does not expose. */
  public Herder herder() {
    return runtime.herder();
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  // ---- connectors ----

  /** {@code POST /connectors}: creates a running connector; answers the created connector. */
  public JsonNode createConnector(String name, Map<String, String> config) {
    return createConnector(name, config, null);
  }

  /**
   * {@code POST /connectors} with {@code initial_state} (RUNNING, PAUSED or STOPPED; null leaves it
   * out).
   */
  public JsonNode createConnector(String name, Map<String, String> config, String initialState) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("config", config);
    if (initialState != null) {
      body.put("initial_state", initialState);
    }
    return expect(http.post("/connectors", body), 201).json();
  }

  /** {@code PUT /connectors/{name}/config}: creates or replaces the connector's config. */
  public JsonNode putConfig(String name, Map<String, String> config) {
    Http.Response response = http.put(path(name) + "/config", config);
    return expect(response, response.status() == 201 ? 201 : 200).json();
  }

  /** {@code PATCH /connectors/{name}/config}: changes some keys; a null value removes a key. */
  public JsonNode patchConfig(String name, Map<String, String> changes) {
    return expect(http.patch(path(name) + "/config", changes), 200).json();
  }

  /** {@code DELETE /connectors/{name}}. */
  public void deleteConnector(String name) {
    expect(http.delete(path(name)), 204);
  }

  /** {@code PUT /connectors/{name}/pause}. */
  public void pause(String name) {
    expect(http.put(path(name) + "/pause", null), 202);
  }

  /** {@code PUT /connectors/{name}/resume}. */
  public void resume(String name) {
    expect(http.put(path(name) + "/resume", null), 202);
  }

  /** {@code PUT /connectors/{name}/stop}. */
  public void stop(String name) {
    expect(http.put(path(name) + "/stop", null), 204);
  }

  /** {@code POST /connectors/{name}/restart?includeTasks=true}. */
  public void restart(String name) {
    Http.Response response = http.post(path(name) + "/restart?includeTasks=true", null);
    expect(response, response.status() == 204 ? 204 : 202);
  }

  /** {@code GET /connectors/{name}/tasks}: each task's id and config. */
  public JsonNode tasks(String name) {
    return expect(http.get(path(name) + "/tasks"), 200).json();
  }

  /** {@code GET /connectors}. */
  public List<String> connectors() {
    List<String> names = new ArrayList<>();
    expect(http.get("/connectors"), 200).json().forEach(n -> names.add(n.asText()));
    return names;
  }

  // ---- status ----

  /** {@code GET /connectors/{name}/status}. */
  public JsonNode status(String name) {
    return expect(http.get(path(name) + "/status"), 200).json();
  }

  /** The connector's state, or null while it has none (or does not exist). */
  public String connectorState(String name) {
    Http.Response response = http.get(path(name) + "/status");
    return response.status() == 200
        ? response.json().path("connector").path("state").asText(null)
        : null;
  }

  /** Task {@code task}'s state, or null while the task does not exist. */
  public String taskState(String name, int task) {
    JsonNode found = task(name, task);
    return found == null ? null : found.path("state").asText(null);
  }

  /** Task {@code task}'s stack trace as the status reports it, or null. */
  public String taskTrace(String name, int task) {
    JsonNode found = task(name, task);
    return found == null ? null : found.path("trace").asText(null);
  }

  private JsonNode task(String name, int task) {
    Http.Response response = http.get(path(name) + "/status");
    if (response.status() != 200) {
      return null;
    }
    for (JsonNode node : response.json().path("tasks")) {
      if (node.path("id").asInt(-1) == task) {
        return node;
      }
    }
    return null;
  }

  /** Waits until the connector and exactly {@code count} tasks are RUNNING. */
  public void awaitTasksRunning(String name, int count) {
    await()
        .atMost(WAIT)
        .until(
            () -> {
              Http.Response response = http.get(path(name) + "/status");
              if (response.status() != 200) {
                return false;
              }
              JsonNode status = response.json();
              JsonNode tasks = status.path("tasks");
              if (!"RUNNING".equals(status.path("connector").path("state").asText())
                  || tasks.size() != count) {
                return false;
              }
              for (JsonNode task : tasks) {
                if (!"RUNNING".equals(task.path("state").asText())) {
                  return false;
                }
              }
              return true;
            });
  }

  /** Waits until task {@code task} is in {@code state} (RUNNING, PAUSED, FAILED...). */
  public void awaitTaskState(String name, int task, String state) {
    await().atMost(WAIT).until(() -> state.equals(taskState(name, task)));
  }

  /** Waits until task {@code task} is FAILED and answers its trace. */
  public String awaitTaskFailed(String name, int task) {
    awaitTaskState(name, task, "FAILED");
    return taskTrace(name, task);
  }

  /** Waits until the connector is in {@code state}. */
  public void awaitConnectorState(String name, String state) {
    await().atMost(WAIT).until(() -> state.equals(connectorState(name)));
  }

  // ---- offsets ----

  /** {@code GET /connectors/{name}/offsets}: the {@code offsets} array. */
  public JsonNode offsets(String name) {
    return expect(http.get(path(name) + "/offsets"), 200).json().path("offsets");
  }

  /**
   * {@code PATCH /connectors/{name}/offsets} of a stopped connector: each entry maps a partition to
   * its new offset (null resets it).
   */
  public JsonNode patchOffsets(String name, Map<Map<String, ?>, Map<String, ?>> offsets) {
    List<Map<String, Object>> entries = new ArrayList<>();
    offsets.forEach(
        (partition, offset) -> {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("partition", partition);
          entry.put("offset", offset);
          entries.add(entry);
        });
    return expect(http.patch(path(name) + "/offsets", Map.of("offsets", entries)), 200).json();
  }

  /** {@code DELETE /connectors/{name}/offsets} of a stopped connector. */
  public JsonNode resetOffsets(String name) {
    return expect(http.delete(path(name) + "/offsets"), 200).json();
  }

  // ---- topics ----

  /** Every record of {@code topic} now, partition by partition in offset order. */
  public List<ConsumerRecord<String, String>> records(String topic) {
    return Topics.records(bootstrapServers, topic);
  }

  /** Every value of {@code topic} now, partition by partition in offset order. */
  public List<String> values(String topic) {
    return Topics.values(bootstrapServers, topic);
  }

  /** Creates {@code topic} with {@code partitions} partitions, replication factor 1. */
  public void createTopic(String topic, int partitions) {
    Topics.create(bootstrapServers, topic, partitions);
  }

  /** Sends {@code values} to {@code topic} round-robin over its partitions; waits for the acks. */
  public void send(String topic, int partitions, List<String> values) {
    Topics.send(bootstrapServers, topic, partitions, values);
  }

  @Override
  public void close() {
    runtime.close();
  }

  private static String path(String name) {
    return "/connectors/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
  }

  private static Http.Response expect(Http.Response response, int status) {
    if (response.status() != status) {
      throw new AssertionError(
          "expected HTTP "
              + status
              + " from "
              + response.raw().request().method()
              + " "
              + response.raw().uri()
              + " but got "
              + response.status()
              + ": "
              + response.body());
    }
    return response;
  }
}
