package dev.wharf.connect.herder;

import dev.wharf.connect.storage.TaskId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The herder's view of the Connect cluster it belongs to: who the leader (the single writer of the
 * config topic) is, which worker owns each connector and task, and the calls it makes to other
 * workers. A standalone or not-yet-clustered worker is {@link #single() a cluster of one}: always
 * the leader, owner of everything.
 */
public interface Cluster {

  /** Whether work is assigned by the cluster; when false, this worker runs everything. */
  default boolean assignsWork() {
    return true;
  }

  /** Whether this worker may write the config topic now. */
  boolean isLeader();

  /** The leader's REST URL, empty while no rebalance has named one. */
  Optional<String> leaderUrl();

  /** REST URL of the worker running the connector; empty when unassigned or unknown. */
  Optional<String> connectorOwnerUrl(String connector);

  /** REST URL of the worker running the task; empty when unassigned or unknown. */
  Optional<String> taskOwnerUrl(TaskId task);

  /** This worker's REST URL, to tell owner URLs that are this worker's apart. */
  String selfUrl();

  /** The generation of the current assignment; status writes carry it. */
  int generation();

  /** Sends task configs generated on this worker to the leader, which writes them. */
  CompletableFuture<Void> forwardTaskConfigs(String connector, List<Map<String, String>> configs);

  /**
   * Asks the leader for a zombie-fencing round of an exactly-once source connector ({@code PUT
   * /connectors/{name}/fence}); completes when the leader has written its task count record.
   */
  CompletableFuture<Void> requestFencing(String connector);

  /** Asks the owner of a connector to restart it. */
  CompletableFuture<Void> restartConnectorAt(String ownerUrl, String connector);

  /** Asks the owner of a task to restart it. */
  CompletableFuture<Void> restartTaskAt(String ownerUrl, TaskId task);

  /** A cluster of one worker, which is leader and owner of everything. */
  static Cluster single() {
    return SingleWorker.INSTANCE;
  }

  /** The cluster of one. */
  final class SingleWorker implements Cluster {
    static final SingleWorker INSTANCE = new SingleWorker();

    private SingleWorker() {}

    @Override
    public boolean assignsWork() {
      return false;
    }

    @Override
    public boolean isLeader() {
      return true;
    }

    @Override
    public Optional<String> leaderUrl() {
      return Optional.empty();
    }

    @Override
    public Optional<String> connectorOwnerUrl(String connector) {
      return Optional.empty();
    }

    @Override
    public Optional<String> taskOwnerUrl(TaskId task) {
      return Optional.empty();
    }

    @Override
    public String selfUrl() {
      return "";
    }

    @Override
    public int generation() {
      return 0;
    }

    @Override
    public CompletableFuture<Void> forwardTaskConfigs(
        String connector, List<Map<String, String>> configs) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("a single worker writes its task configs itself"));
    }

    @Override
    public CompletableFuture<Void> requestFencing(String connector) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("a single worker fences its zombies itself"));
    }

    @Override
    public CompletableFuture<Void> restartConnectorAt(String ownerUrl, String connector) {
      return CompletableFuture.failedFuture(new IllegalStateException("no other workers"));
    }

    @Override
    public CompletableFuture<Void> restartTaskAt(String ownerUrl, TaskId task) {
      return CompletableFuture.failedFuture(new IllegalStateException("no other workers"));
    }
  }
}
