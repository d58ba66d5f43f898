package dev.wharf.connect.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine fed with config topic records in topic order, following Apache Connect's rules:
 * task configs wait in a buffer until their connector's commit record, and are applied only if the
 * commit finds a complete set (task 0 to N-1); a connector tombstone drops the connector and its
 * tasks; a target state may precede its connector. Each task commit leaves the connector pending a
 * zombie-fencing round until a later {@code tasks-fencing-<name>} record (KIP-618). Once {@link
 * #markStarted() started}, each change is reported to the listeners.
 */
final class ConfigState {
  private static final Logger log = LoggerFactory.getLogger(ConfigState.class);

  private final List<ConfigListener> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, Map<String, String>> connectorConfigs = new HashMap<>();
  private final Map<String, TargetState> targetStates = new HashMap<>();
  private final Map<String, Integer> taskCounts = new HashMap<>();
  private final Map<TaskId, Map<String, String>> taskConfigs = new HashMap<>();
  private final Map<String, Map<Integer, Map<String, String>>> uncommittedTasks = new HashMap<>();
  private final Set<String> inconsistent = new HashSet<>();
  private final Map<String, Integer> taskCountRecords = new HashMap<>();
  private final Map<String, Integer> taskGenerations = new HashMap<>();
  private final Set<String> pendingFencing = new HashSet<>();
  private long offset;
  private volatile boolean started;
  private volatile SessionKey sessionKey;

  void addListener(ConfigListener listener) {
    listeners.add(listener);
  }

  void markStarted() {
    started = true;
  }

  synchronized ConfigSnapshot snapshot() {
    return new ConfigSnapshot(
        offset,
        connectorConfigs,
        targetStates,
        taskCounts,
        taskConfigs,
        inconsistent,
        new ConfigSnapshot.Fencing(taskCountRecords, taskGenerations, pendingFencing));
  }

  /** The last session key read, or null when none was. */
  SessionKey sessionKey() {
    return sessionKey;
  }

  /** Applies the record at {@code offset} of the config topic. */
  void apply(String key, byte[] value, long offset) {
    Runnable notification;
    synchronized (this) {
      this.offset = offset + 1;
      notification = applyLocked(key, InternalJson.read(value));
    }
    if (started && notification != null) {
      notification.run();
    }
  }

  /** Applies a record and returns how to tell the listeners about it, or null for silence. */
  private Runnable applyLocked(String key, Object value) {
    if (key == null) {
      log.warn("Ignoring a config record without key");
      return null;
    }
    if (key.startsWith(ConfigRecords.CONNECTOR_PREFIX)) {
      return applyConnector(key.substring(ConfigRecords.CONNECTOR_PREFIX.length()), value);
    }
    if (key.startsWith(ConfigRecords.FENCING_PREFIX)) {
      return applyTaskCount(key.substring(ConfigRecords.FENCING_PREFIX.length()), value);
    }
    if (key.startsWith(ConfigRecords.TASK_PREFIX)) {
      applyTask(key.substring(ConfigRecords.TASK_PREFIX.length()), value);
      return null;
    }
    if (key.startsWith(ConfigRecords.COMMIT_PREFIX)) {
      return applyCommit(key.substring(ConfigRecords.COMMIT_PREFIX.length()), value);
    }
    if (key.startsWith(ConfigRecords.TARGET_STATE_PREFIX)) {
      return applyTargetState(key.substring(ConfigRecords.TARGET_STATE_PREFIX.length()), value);
    }
    if (key.startsWith(ConfigRecords.RESTART_PREFIX)) {
      return applyRestart(key.substring(ConfigRecords.RESTART_PREFIX.length()), value);
    }
    if (key.startsWith(ConfigRecords.LOGGER_PREFIX)) {
      return applyLoggerLevel(key.substring(ConfigRecords.LOGGER_PREFIX.length()), value);
    }
    if (key.equals(ConfigRecords.SESSION_KEY)) {
      return applySessionKey(value);
    }
    // Records of features we do not know (newer Apache versions) are skipped, not fatal.
    log.debug("Ignoring config record '{}'", key);
    return null;
  }

  private Runnable applyConnector(String connector, Object value) {
    if (value == null) {
      connectorConfigs.remove(connector);
      taskCounts.remove(connector);
      taskConfigs.keySet().removeIf(task -> task.connector().equals(connector));
      uncommittedTasks.remove(connector);
      inconsistent.remove(connector);
      taskCountRecords.remove(connector);
      taskGenerations.remove(connector);
      pendingFencing.remove(connector);
      return () -> listeners.forEach(l -> l.onConnectorConfigRemove(connector));
    }
    Map<String, String> config = properties(value, "connector '" + connector + "'");
    if (config == null) {
      return null;
    }
    connectorConfigs.put(connector, config);
    // Connectors whose target state was never written (or was deleted) run.
    targetStates.putIfAbsent(connector, TargetState.STARTED);
    return () -> listeners.forEach(l -> l.onConnectorConfigUpdate(connector));
  }

  private void applyTask(String id, Object value) {
    TaskId task;
    try {
      task = TaskId.parse(id);
    } catch (IllegalArgumentException e) {
      log.error("Ignoring task config record with a malformed key 'task-{}'", id);
      return;
    }
    Map<String, String> config = properties(value, "task " + task);
    if (config != null) {
      uncommittedTasks
          .computeIfAbsent(task.connector(), c -> new HashMap<>())
          .put(task.task(), config);
    }
  }

  private Runnable applyCommit(String connector, Object value) {
    Object tasks = value instanceof Map<?, ?> map ? map.get("tasks") : null;
    if (!(tasks instanceof Number)) {
      log.error("Ignoring task commit of connector '{}' without a 'tasks' count", connector);
      return null;
    }
    int count = ((Number) tasks).intValue();
    Map<Integer, Map<String, String>> pending = uncommittedTasks.getOrDefault(connector, Map.of());
    boolean complete = true;
    for (int task = 0; task < count; task++) {
      complete &= pending.containsKey(task);
    }
    // A commit without its task records means compaction removed some of them; the connector's
    // tasks are unknown until the herder writes a fresh set.
    taskConfigs.keySet().removeIf(task -> task.connector().equals(connector));
    taskCounts.put(connector, count);
    uncommittedTasks.remove(connector);
    // New task configs may run on new workers: the earlier generation's zombies need fencing.
    taskGenerations.merge(connector, 1, Integer::sum);
    pendingFencing.add(connector);
    if (!complete) {
      log.warn("Task configs of connector '{}' are incomplete for {} tasks", connector, count);
      inconsistent.add(connector);
      return null;
    }
    inconsistent.remove(connector);
    List<TaskId> updated = new ArrayList<>();
    for (int task = 0; task < count; task++) {
      TaskId id = new TaskId(connector, task);
      taskConfigs.put(id, pending.get(task));
      updated.add(id);
    }
    List<TaskId> committed = List.copyOf(updated);
    return () -> listeners.forEach(l -> l.onTaskConfigUpdate(connector, committed));
  }

  private Runnable applyTaskCount(String connector, Object value) {
    Object count = value instanceof Map<?, ?> map ? map.get("task-count") : null;
    if (!(count instanceof Number number)) {
      log.error("Ignoring task count record of connector '{}' without a 'task-count'", connector);
      return null;
    }
    taskCountRecords.put(connector, number.intValue());
    pendingFencing.remove(connector);
    return () -> listeners.forEach(l -> l.onTaskCountRecord(connector));
  }

  private Runnable applyTargetState(String connector, Object value) {
    if (value == null) {
      targetStates.remove(connector);
      if (connectorConfigs.containsKey(connector)) {
        targetStates.put(connector, TargetState.STARTED);
      }
      // The connector tombstone that accompanies this one tells the listeners.
      return null;
    }
    TargetState state = parseTargetState(connector, value);
    if (state == null) {
      return null;
    }
    TargetState previous = targetStates.put(connector, state);
    if (state == previous || !connectorConfigs.containsKey(connector)) {
      return null;
    }
    return () -> listeners.forEach(l -> l.onTargetStateChange(connector));
  }

  private static TargetState parseTargetState(String connector, Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      log.error("Ignoring target state of connector '{}': not a JSON object", connector);
      return null;
    }
    // state.v2 carries STOPPED; records of workers older than KIP-875 only have state.
    Object name = map.get("state.v2") instanceof String v2 ? v2 : map.get("state");
    for (TargetState state : TargetState.values()) {
      if (state.name().equals(name)) {
        return state;
      }
    }
    log.error("Ignoring unknown target state '{}' of connector '{}'", name, connector);
    return null;
  }

  private Runnable applyRestart(String connector, Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      log.error("Ignoring restart request of connector '{}': not a JSON object", connector);
      return null;
    }
    // Apache treats a missing or malformed flag as false; so do we.
    RestartRequest request =
        new RestartRequest(
            connector,
            Boolean.TRUE.equals(map.get("only-failed")),
            Boolean.TRUE.equals(map.get("include-tasks")));
    return () -> listeners.forEach(l -> l.onRestartRequest(request));
  }

  private Runnable applySessionKey(Object value) {
    if (!(value instanceof Map<?, ?> map)
        || !(map.get("key") instanceof String key)
        || !(map.get("algorithm") instanceof String algorithm)
        || !(map.get("creation-timestamp") instanceof Number created)) {
      log.error("Ignoring a session key record without key, algorithm and creation-timestamp");
      return null;
    }
    SessionKey parsed = new SessionKey(key, algorithm, created.longValue());
    sessionKey = parsed;
    return () -> listeners.forEach(l -> l.onSessionKeyUpdate(parsed));
  }

  private Runnable applyLoggerLevel(String namespace, Object value) {
    Object level = value instanceof Map<?, ?> map ? map.get("level") : null;
    if (!(level instanceof String name)) {
      log.error("Ignoring logger level of namespace '{}' without a 'level'", namespace);
      return null;
    }
    // Like Apache, only levels set while this worker runs apply; older ones are history.
    return () -> listeners.forEach(l -> l.onLoggerLevelUpdate(namespace, name));
  }

  private static Map<String, String> properties(Object value, String owner) {
    Object properties = value instanceof Map<?, ?> map ? map.get("properties") : null;
    if (!(properties instanceof Map<?, ?> entries)) {
      log.error("Ignoring config of {}: no 'properties' object", owner);
      return null;
    }
    Map<String, String> config = new LinkedHashMap<>();
    entries.forEach((k, v) -> config.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
    return Collections.unmodifiableMap(config);
  }
}
