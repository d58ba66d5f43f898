package dev.wharf.connect.worker;

/** A connector's task, written {@code <connector>-<task>} as Apache Kafka Connect does. */
public record TaskId(String connector, int task) implements Comparable<TaskId> {
  @Override
  public String toString() {
    return connector + "-" + task;
  }

  @Override
  public int compareTo(TaskId other) {
    int byConnector = connector.compareTo(other.connector);
    return byConnector != 0 ? byConnector : Integer.compare(task, other.task);
  }
}
