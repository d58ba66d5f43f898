package dev.wharf.connect.storage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest status of each connector, task and tracked topic, fed with status topic records. A
 * connector tombstone also drops its tasks' statuses, as in Apache Connect.
 */
final class StatusTable {
  private static final Logger log = LoggerFactory.getLogger(StatusTable.class);

  private final Map<String, ConnectorStatus> connectors = new HashMap<>();
  private final Map<String, Map<Integer, TaskStatus>> tasks = new HashMap<>();
  private final Map<String, Map<String, TopicStatus>> topics = new HashMap<>();

  synchronized void apply(byte[] keyBytes, byte[] value) {
    String key = keyBytes == null ? "" : new String(keyBytes, StandardCharsets.UTF_8);
    if (key.startsWith(StatusRecords.CONNECTOR_PREFIX)) {
      applyConnector(key.substring(StatusRecords.CONNECTOR_PREFIX.length()), value);
    } else if (key.startsWith(StatusRecords.TASK_PREFIX)) {
      applyTask(key.substring(StatusRecords.TASK_PREFIX.length()), value);
    } else if (key.startsWith(StatusRecords.TOPIC_PREFIX)) {
      applyTopic(key.substring(StatusRecords.TOPIC_PREFIX.length()), value);
    } else {
      log.warn("Ignoring status record with unknown key '{}'", key);
    }
  }

  private void applyConnector(String connector, byte[] value) {
    if (value == null) {
      connectors.remove(connector);
      tasks.remove(connector);
      return;
    }
    Map<?, ?> fields = fields(value, "connector '" + connector + "'");
    StatusState state = state(fields, "connector '" + connector + "'");
    if (state != null) {
      connectors.put(
          connector,
          new ConnectorStatus(
              connector,
              state,
              string(fields, "trace"),
              String.valueOf(fields.get("worker_id")),
              generation(fields),
              string(fields, "version")));
    }
  }

  private void applyTask(String id, byte[] value) {
    TaskId task;
    try {
      task = TaskId.parse(id);
    } catch (IllegalArgumentException e) {
      log.warn("Ignoring task status with malformed key 'status-task-{}'", id);
      return;
    }
    if (value == null) {
      Map<Integer, TaskStatus> ofConnector = tasks.get(task.connector());
      if (ofConnector != null) {
        ofConnector.remove(task.task());
      }
      return;
    }
    Map<?, ?> fields = fields(value, "task " + task);
    StatusState state = state(fields, "task " + task);
    if (state != null) {
      tasks
          .computeIfAbsent(task.connector(), c -> new TreeMap<>())
          .put(
              task.task(),
              new TaskStatus(
                  task,
                  state,
                  string(fields, "trace"),
                  String.valueOf(fields.get("worker_id")),
                  generation(fields),
                  string(fields, "version")));
    }
  }

  private void applyTopic(String id, byte[] value) {
    // Topic names cannot contain ':', so the first separator ends the topic name.
    int separator = id.indexOf(StatusRecords.TOPIC_SEPARATOR);
    if (separator <= 0) {
      log.warn("Ignoring topic status with malformed key 'status-topic-{}'", id);
      return;
    }
    String topic = id.substring(0, separator);
    String connector = id.substring(separator + StatusRecords.TOPIC_SEPARATOR.length());
    if (value == null) {
      Map<String, TopicStatus> ofConnector = topics.get(connector);
      if (ofConnector != null) {
        ofConnector.remove(topic);
      }
      return;
    }
    Map<?, ?> outer = fields(value, "topic '" + topic + "' of connector '" + connector + "'");
    if (!(outer.get("topic") instanceof Map<?, ?> fields)) {
      log.warn(
          "Ignoring status of topic '{}' of connector '{}': no 'topic' object", topic, connector);
      return;
    }
    topics
        .computeIfAbsent(connector, c -> new TreeMap<>())
        .put(
            topic,
            new TopicStatus(
                topic,
                connector,
                fields.get("task") instanceof Number n ? n.intValue() : 0,
                fields.get("discoverTimestamp") instanceof Number n ? n.longValue() : 0L));
  }

  private static Map<?, ?> fields(byte[] value, String owner) {
    Object parsed = InternalJson.read(value);
    if (parsed instanceof Map<?, ?> map) {
      return map;
    }
    log.warn("Ignoring status of {}: not a JSON object", owner);
    return Map.of();
  }

  private static StatusState state(Map<?, ?> fields, String owner) {
    Object name = fields.get("state");
    for (StatusState state : StatusState.values()) {
      if (state.name().equals(name)) {
        return state;
      }
    }
    log.warn("Ignoring status of {} with unknown state '{}'", owner, name);
    return null;
  }

  private static String string(Map<?, ?> fields, String name) {
    Object value = fields.get(name);
    return value == null ? null : value.toString();
  }

  private static int generation(Map<?, ?> fields) {
    return fields.get("generation") instanceof Number n ? n.intValue() : 0;
  }

  synchronized Optional<ConnectorStatus> connector(String connector) {
    return Optional.ofNullable(connectors.get(connector));
  }

  synchronized Optional<TaskStatus> task(TaskId task) {
    return Optional.ofNullable(tasks.getOrDefault(task.connector(), Map.of()).get(task.task()));
  }

  synchronized List<TaskStatus> tasks(String connector) {
    return List.copyOf(tasks.getOrDefault(connector, Map.of()).values());
  }

  synchronized Set<String> connectors() {
    return new TreeSet<>(connectors.keySet());
  }

  synchronized List<TopicStatus> topics(String connector) {
    return new ArrayList<>(topics.getOrDefault(connector, Map.of()).values());
  }

  /**
   * Whether a "safe" write of {@code status} should go ahead: when nothing is known, when the
   * current status is from the same worker, or when {@code status} is of a generation at least as
   * new. This narrows, not closes, the window in which a zombie worker overwrites a newer status.
   */
  synchronized boolean canWriteSafely(ConnectorStatus status) {
    ConnectorStatus current = connectors.get(status.connector());
    return current == null
        || current.workerId().equals(status.workerId())
        || current.generation() <= status.generation();
  }

  /** As {@link #canWriteSafely(ConnectorStatus)}, for a task. */
  synchronized boolean canWriteSafely(TaskStatus status) {
    TaskStatus current = task(status.id()).orElse(null);
    return current == null
        || current.workerId().equals(status.workerId())
        || current.generation() <= status.generation();
  }
}
