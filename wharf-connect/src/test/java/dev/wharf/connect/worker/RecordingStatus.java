package dev.wharf.connect.worker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Remembers the latest state (and error) of every task and connector. */
final class RecordingStatus implements StatusListener {
  record State(TaskState state, Throwable error) {}

  final Map<TaskId, State> tasks = new ConcurrentHashMap<>();
  final Map<String, State> connectors = new ConcurrentHashMap<>();

  @Override
  public void onTaskState(TaskId task, TaskState state, Throwable error) {
    tasks.put(task, new State(state, error));
  }

  @Override
  public void onConnectorState(String connector, TaskState state, Throwable error) {
    connectors.put(connector, new State(state, error));
  }

  TaskState task(TaskId id) {
    State state = tasks.get(id);
    return state == null ? null : state.state();
  }
}
