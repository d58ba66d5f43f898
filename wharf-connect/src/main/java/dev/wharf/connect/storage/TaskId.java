package dev.wharf.connect.storage;

import java.util.Objects;

/**
 * Identifies task {@code task} (counted from 0) of connector {@code connector}; printed as {@code
 * connector-task}, the form used in record keys and logs.
 */
public record TaskId(String connector, int task) implements Comparable<TaskId> {

  public TaskId {
    Objects.requireNonNull(connector, "connector");
    if (task < 0) {
      throw new IllegalArgumentException(
          "Task number of connector '" + connector + "' must not be negative: " + task);
    }
  }

  /**
   * Parses {@code <connector>-<n>}; the connector name may itself contain dashes, so the number is
   * what follows the last one.
   *
   * @throws IllegalArgumentException if {@code value} does not end with {@code -<n>}
   */
  public static TaskId parse(String value) {
    int dash = value.lastIndexOf('-');
    if (dash <= 0 || dash == value.length() - 1) {
      throw new IllegalArgumentException("Not a task id: '" + value + "'");
    }
    try {
      return new TaskId(value.substring(0, dash), Integer.parseInt(value.substring(dash + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Not a task id: '" + value + "'", e);
    }
  }

  /**
   * Apache's {@code transactional.id} of this task's producer when it is an exactly-once source:
   * {@code <group.id>-<connector>-<task>}; zombie fencing and offset changes use the same id.
   */
  public String transactionalId(String groupId) {
    return groupId + "-" + connector + "-" + task;
  }

  @Override
  public int compareTo(TaskId other) {
    int byConnector = connector.compareTo(other.connector);
    return byConnector != 0 ? byConnector : Integer.compare(task, other.task);
  }

  @Override
  public String toString() {
    return connector + "-" + task;
  }
}
