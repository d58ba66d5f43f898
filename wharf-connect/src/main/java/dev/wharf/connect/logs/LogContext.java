package dev.wharf.connect.logs;

import dev.wharf.connect.storage.TaskId;
import org.slf4j.MDC;

/**
 * The connector or task a thread is working for, kept in the SLF4J MDC under Apache's key {@code
 * connector.context} with Apache's values ({@code "[my-conn|task-0] "}, {@code "[my-conn|worker]
 * "}), so every line logged meanwhile, by the runtime or by plugin code, carries it: in the log
 * file's pattern and in {@link ConnectorLogs}. A scope restores the previous context when closed.
 */
public final class LogContext implements AutoCloseable {
  /** The MDC key, as Apache Kafka Connect names it. */
  public static final String KEY = "connector.context";

  private static final String WORKER = "worker";
  private static final String TASK_PREFIX = "task-";

  private final String previous;

  private LogContext(String value) {
    this.previous = MDC.get(KEY);
    MDC.put(KEY, value);
  }

  /** Marks the current thread as working for connector {@code name} itself until closed. */
  public static LogContext forConnector(String name) {
    return new LogContext(connectorValue(name));
  }

  /** Marks the current thread as working for task {@code id} until closed. */
  public static LogContext forTask(TaskId id) {
    return new LogContext(taskValue(id));
  }

  static String connectorValue(String name) {
    return "[" + name + "|" + WORKER + "] ";
  }

  static String taskValue(TaskId id) {
    return "[" + id.connector() + "|" + TASK_PREFIX + id.task() + "] ";
  }

  /**
   * The connector and task a context value names, or null when it is not one of ours; the task is
   * null for connector-level lines. Connector names may contain {@code |}: the last one splits.
   */
  static Origin parse(String value) {
    if (value == null || value.length() < 4 || value.charAt(0) != '[') {
      return null;
    }
    int end = value.lastIndexOf(']');
    int bar = value.lastIndexOf('|', end);
    if (end < 0 || bar < 1) {
      return null;
    }
    String connector = value.substring(1, bar);
    String scope = value.substring(bar + 1, end);
    if (scope.equals(WORKER)) {
      return new Origin(connector, null);
    }
    if (scope.startsWith(TASK_PREFIX)) {
      try {
        return new Origin(connector, Integer.parseInt(scope.substring(TASK_PREFIX.length())));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** Whom a log line was written for. */
  record Origin(String connector, Integer task) {}

  @Override
  public void close() {
    if (previous == null) {
      MDC.remove(KEY);
    } else {
      MDC.put(KEY, previous);
    }
  }
}
