package dev.wharf.connect.worker;

/**
 * Told of every state change of the tasks and connectors a worker runs, so the herder can record it
 * in the status store. Called from the task's own thread.
 */
public interface StatusListener {
  /** {@code error} is set only for {@link TaskState#FAILED}. */
  void onTaskState(TaskId task, TaskState state, Throwable error);

  void onConnectorState(String connector, TaskState state, Throwable error);
}
