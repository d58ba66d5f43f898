package dev.wharf.connect.storage;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The records of the status topic as Apache Connect 4.3 writes them: {@code
 * status-connector-<name>} and {@code status-task-<name>-<n>} with {@code
 * {"state":..,"trace":..,"worker_id":..,"generation":N,"version":..}}, and {@code
 * status-topic-<topic>:connector-<name>} with {@code
 * {"topic":{"name":..,"connector":..,"task":N,"discoverTimestamp":ms}}}; null deletes.
 */
final class StatusRecords {
  static final String CONNECTOR_PREFIX = "status-connector-";
  static final String TASK_PREFIX = "status-task-";
  static final String TOPIC_PREFIX = "status-topic-";
  static final String TOPIC_SEPARATOR = ":connector-";

  private StatusRecords() {}

  static byte[] connectorKey(String connector) {
    return bytes(CONNECTOR_PREFIX + connector);
  }

  static byte[] taskKey(TaskId task) {
    return bytes(TASK_PREFIX + task);
  }

  static byte[] topicKey(String connector, String topic) {
    return bytes(TOPIC_PREFIX + topic + TOPIC_SEPARATOR + connector);
  }

  /** The value of a connector status; null (a tombstone) for {@code DESTROYED}. */
  static byte[] value(ConnectorStatus status) {
    return status.state() == StatusState.DESTROYED
        ? null
        : value(
            status.state(),
            status.trace(),
            status.workerId(),
            status.generation(),
            status.version());
  }

  /** The value of a task status; null (a tombstone) for {@code DESTROYED}. */
  static byte[] value(TaskStatus status) {
    return status.state() == StatusState.DESTROYED
        ? null
        : value(
            status.state(),
            status.trace(),
            status.workerId(),
            status.generation(),
            status.version());
  }

  private static byte[] value(
      StatusState state, String trace, String workerId, int generation, String version) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("state", state.name());
    value.put("trace", trace);
    value.put("worker_id", workerId);
    value.put("generation", generation);
    value.put("version", version);
    return InternalJson.write(value);
  }

  static byte[] value(TopicStatus status) {
    Map<String, Object> topic = new LinkedHashMap<>();
    topic.put("name", status.topic());
    topic.put("connector", status.connector());
    topic.put("task", status.task());
    topic.put("discoverTimestamp", status.discoverTimestamp());
    return InternalJson.write(Map.of("topic", topic));
  }

  private static byte[] bytes(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }
}
