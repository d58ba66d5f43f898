package dev.wharf.connect.storage;

import java.util.Objects;

/**
 * What a worker reports about a task: its state, the stack trace when it {@code FAILED}, the worker
 * running it, the cluster generation the report belongs to, and the plugin's version when known.
 */
public record TaskStatus(
    TaskId id, StatusState state, String trace, String workerId, int generation, String version) {

  public TaskStatus {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(workerId, "workerId");
  }
}
