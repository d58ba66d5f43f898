package dev.wharf.connect.storage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records of the config topic, keyed and shaped exactly as Apache Connect writes them: {@code
 * connector-<name>} {@code {"properties":{..}}}, {@code task-<name>-<n>} {@code
 * {"properties":{..}}}, {@code commit-<name>} {@code {"tasks":N}}, {@code target-state-<name>}
 * {@code {"state":..,"state.v2":..}} and {@code restart-connector-<name>} {@code
 * {"include-tasks":..,"only-failed":..}}, {@code logger-cluster-<namespace>} {@code {"level":..}},
 * {@code tasks-fencing-<name>} {@code {"task-count":N}} (KIP-618) and {@code session-key} {@code
 * {"key":..,"algorithm":..,"creation-timestamp":..}}; deletion is a null value.
 */
final class ConfigRecords {
  static final String CONNECTOR_PREFIX = "connector-";
  static final String TASK_PREFIX = "task-";
  static final String COMMIT_PREFIX = "commit-";
  static final String TARGET_STATE_PREFIX = "target-state-";
  static final String RESTART_PREFIX = "restart-connector-";
  static final String LOGGER_PREFIX = "logger-cluster-";
  static final String SESSION_KEY = "session-key";
  static final String FENCING_PREFIX = "tasks-fencing-";

  /** One record to append: a string key and the value to write as JSON, or null for a tombstone. */
  record ConfigRecord(String key, Object value) {
    byte[] keyBytes() {
      return key.getBytes(StandardCharsets.UTF_8);
    }

    byte[] valueBytes() {
      return InternalJson.write(value);
    }
  }

  private ConfigRecords() {}

  /**
   * The records that create or update a connector: the target state first when one is given, so no
   * reader ever sees the new connector in the default {@code STARTED} state.
   */
  static List<ConfigRecord> connectorConfig(
      String connector, Map<String, String> config, TargetState initialState) {
    List<ConfigRecord> records = new ArrayList<>();
    if (initialState != null) {
      records.add(targetState(connector, initialState));
    }
    records.add(new ConfigRecord(CONNECTOR_PREFIX + connector, properties(config)));
    return records;
  }

  /** Tombstones for the connector and its target state, as Apache writes on deletion. */
  static List<ConfigRecord> removal(String connector) {
    return List.of(
        new ConfigRecord(CONNECTOR_PREFIX + connector, null),
        new ConfigRecord(TARGET_STATE_PREFIX + connector, null));
  }

  /** One record per task config followed by the commit record that makes them visible. */
  static List<ConfigRecord> taskConfigs(String connector, List<Map<String, String>> configs) {
    List<ConfigRecord> records = new ArrayList<>();
    for (int task = 0; task < configs.size(); task++) {
      records.add(
          new ConfigRecord(
              TASK_PREFIX + new TaskId(connector, task), properties(configs.get(task))));
    }
    records.add(new ConfigRecord(COMMIT_PREFIX + connector, Map.of("tasks", configs.size())));
    return records;
  }

  static ConfigRecord targetState(String connector, TargetState state) {
    Map<String, Object> value = new LinkedHashMap<>();
    // Workers older than KIP-875 know no STOPPED; PAUSED is the closest they understand.
    value.put("state", state == TargetState.STOPPED ? TargetState.PAUSED.name() : state.name());
    value.put("state.v2", state.name());
    return new ConfigRecord(TARGET_STATE_PREFIX + connector, value);
  }

  static ConfigRecord restart(RestartRequest request) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("include-tasks", request.includeTasks());
    value.put("only-failed", request.onlyFailed());
    return new ConfigRecord(RESTART_PREFIX + request.connector(), value);
  }

  static ConfigRecord loggerLevel(String namespace, String level) {
    return new ConfigRecord(LOGGER_PREFIX + namespace, Map.of("level", level));
  }

  /** The end of a zombie-fencing round: the connector's tasks up to {@code count} may start. */
  static ConfigRecord taskCount(String connector, int count) {
    return new ConfigRecord(FENCING_PREFIX + connector, Map.of("task-count", count));
  }

  static ConfigRecord sessionKey(SessionKey key) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("key", key.encodedKey());
    value.put("algorithm", key.algorithm());
    value.put("creation-timestamp", key.creationTimestamp());
    return new ConfigRecord(SESSION_KEY, value);
  }

  private static Map<String, Object> properties(Map<String, String> config) {
    return Map.of("properties", new LinkedHashMap<>(config));
  }
}
