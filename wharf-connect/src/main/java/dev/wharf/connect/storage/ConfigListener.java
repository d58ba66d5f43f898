package dev.wharf.connect.storage;

import java.util.List;

/**
 * Told about every change a {@link ConfigStore} applies after it has started, whoever wrote it
 * (this worker or another one sharing the topic). Called on the store's reader thread after the
 * snapshot reflects the change: read {@link ConfigStore#snapshot()} for the new state, and hand
 * real work to another thread; never block on the store's futures here.
 */
public interface ConfigListener {

  /** A connector was created or its config replaced. */
  default void onConnectorConfigUpdate(String connector) {}

  /** A connector was deleted, with its task configs. */
  default void onConnectorConfigRemove(String connector) {}

  /** A new, complete set of task configs of {@code connector} was committed. */
  default void onTaskConfigUpdate(String connector, List<TaskId> tasks) {}

  /**
   * The leader finished a zombie-fencing round for the connector ({@code tasks-fencing-<name>}):
   * its current task configs may start with exactly-once.
   */
  default void onTaskCountRecord(String connector) {}

  /** The target state of an existing connector changed. */
  default void onTargetStateChange(String connector) {}

  /** Someone asked for a restart of a connector (and maybe its tasks). */
  default void onRestartRequest(RestartRequest request) {}

  /**
   * Someone set a logger level for the whole cluster ({@code PUT
   * /admin/loggers/{name}?scope=cluster}); only levels written after this store started are
   * reported.
   */
  default void onLoggerLevelUpdate(String namespace, String level) {}

  /** The leader published a new session key for signing requests between workers (KIP-507). */
  default void onSessionKeyUpdate(SessionKey key) {}
}
