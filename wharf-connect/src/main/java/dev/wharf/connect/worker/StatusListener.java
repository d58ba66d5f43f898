package dev.wharf.connect.worker;

import dev.wharf.connect.storage.StatusState;
import dev.wharf.connect.storage.TaskId;

/**
 * Told of every state change of the tasks and connectors a worker runs, so the herder can record it
 * in the status store. Called from the task's own thread.
 */
public interface StatusListener {
  /** {@code error} is set only for {@link StatusState#FAILED}. */
  void onTaskState(TaskId task, StatusState state, Throwable error);

  void onConnectorState(String connector, StatusState state, Throwable error);

  /** The task wrote to or read from {@code topic} for the first time since it started. */
  default void onTopicUsed(TaskId task, String topic) {}
}
