package dev.wharf.connect.storage;

import java.util.Objects;

/**
 * What a worker reports about a connector: its state, the stack trace when it {@code FAILED}, the
 * worker running it, the cluster generation the report belongs to, and the connector plugin's
 * version when known.
 */
public record ConnectorStatus(
    String connector,
    StatusState state,
    String trace,
    String workerId,
    int generation,
    String version) {

  public ConnectorStatus {
    Objects.requireNonNull(connector, "connector");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(workerId, "workerId");
  }
}
