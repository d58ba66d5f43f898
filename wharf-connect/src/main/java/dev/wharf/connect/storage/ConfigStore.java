package dev.wharf.connect.storage;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Where connector configs, task configs, target states, restart requests and cluster logger levels
 * live. Every write returns a future that completes once this store's own {@link #snapshot()} shows
 * the write, so a caller can act on what it wrote; writes of other workers sharing the same storage
 * show up in the snapshot and reach the {@link ConfigListener listeners} as they are read. In a
 * cluster only the leader should write (Apache's rule, which keeps task commits from interleaving);
 * every worker reads.
 */
public interface ConfigStore extends AutoCloseable {

  /** Loads everything stored so far into the snapshot; listeners hear of changes after this. */
  void start();

  /** The configs as of the last record read. */
  ConfigSnapshot snapshot();

  /** Registers a listener; register before {@link #start()} to miss nothing. */
  void addListener(ConfigListener listener);

  /**
   * Creates or replaces a connector's config.
   *
   * @param initialState the target state to record first, or null to keep the current one ({@code
   *     STARTED} for a new connector)
   */
  CompletableFuture<Void> putConnectorConfig(
      String connector, Map<String, String> config, TargetState initialState);

  /** Deletes a connector, its task configs and its target state. */
  CompletableFuture<Void> removeConnector(String connector);

  /** Replaces all task configs of a connector at once; task {@code i} gets {@code configs[i]}. */
  CompletableFuture<Void> putTaskConfigs(String connector, List<Map<String, String>> configs);

  CompletableFuture<Void> putTargetState(String connector, TargetState state);

  /** Publishes a restart request to the listeners of every worker; it is not kept in snapshots. */
  CompletableFuture<Void> putRestartRequest(RestartRequest request);

  /** Asks every worker to set a logger's level; not kept in snapshots. */
  CompletableFuture<Void> putLoggerLevel(String namespace, String level);

  /**
   * Records that the zombies of the connector's earlier task generations are fenced and its current
   * {@code taskCount} tasks may start ({@code tasks-fencing-<name>}, KIP-618); the leader writes it
   * at the end of a fencing round.
   */
  CompletableFuture<Void> putTaskCountRecord(String connector, int taskCount);

  /** Publishes the cluster's new session key (KIP-507); the leader writes it. */
  CompletableFuture<Void> putSessionKey(SessionKey key);

  /** The last session key read, if any. */
  java.util.Optional<SessionKey> sessionKey();

  /** Completes once the snapshot reflects everything written to the storage before the call. */
  CompletableFuture<Void> refresh();

  /** Stops reading; futures still pending fail. */
  @Override
  void close();
}
