package dev.wharf.connect.worker;

import dev.wharf.connect.storage.StatusState;
import dev.wharf.connect.storage.TaskId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Remembers the latest state (and error) of every task and connector. */
final class RecordingStatus implements StatusListener {
  record State(StatusState state, Throwable error) {}

  final Map<TaskId, State> tasks = new ConcurrentHashMap<>();
  final Map<String, State> connectors = new ConcurrentHashMap<>();

  @Override
  public void onTaskState(TaskId task, StatusState state, Throwable error) {
    tasks.put(task, new State(state, error));
  }

  @Override
  public void onConnectorState(String connector, StatusState state, Throwable error) {
    connectors.put(connector, new State(state, error));
  }

  StatusState task(TaskId id) {
    State state = tasks.get(id);
    return state == null ? null : state.state();
  }
}
