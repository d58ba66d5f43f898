package dev.wharf.connect.herder;

import dev.wharf.connect.plugins.ConfigProviders;
import dev.wharf.connect.storage.ConfigListener;
import dev.wharf.connect.storage.ConfigSnapshot;
import dev.wharf.connect.storage.ConfigStore;
import dev.wharf.connect.storage.ConnectorStatus;
import dev.wharf.connect.storage.RestartRequest;
import dev.wharf.connect.storage.StatusState;
import dev.wharf.connect.storage.StatusStore;
import dev.wharf.connect.storage.TargetState;
import dev.wharf.connect.storage.TaskId;
import dev.wharf.connect.worker.Worker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the worker towards what the config store says, on one thread of its own: for each
 * connector, run it with its current config and target state, regenerate its task configs when it
 * asks or changes, and run exactly the committed task configs (an exactly-once source connector's
 * new task configs once its {@link FencingGate fencing round} is done). Every config change,
 * whoever wrote it, reaches it through {@link ConfigListener}; nothing else starts or stops work.
 */
final class Reconciler implements ConfigListener {
  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

  private final ConfigStore configs;
  private final StatusStore statuses;
  private final Worker worker;
  private final ConfigProviders providers;
  private final String workerId;
  private final Cluster cluster;
  private final FencingGate fencing;
  // What this worker is assigned in a cluster; null (the default) means everything.
  private Set<String> assignedConnectors;
  private Set<TaskId> assignedTasks;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "herder");
            t.setDaemon(true);
            return t;
          });
  private final Map<String, Map<String, String>> runningConnectors = new HashMap<>();
  private final Map<TaskId, Map<String, String>> runningTasks = new HashMap<>();
  // The connector config (as stored) each running task was started with: converters, transforms
  // and error handling come from it, so a task restarts when it changes, on every worker.
  private final Map<TaskId, Map<String, String>> taskConnectorConfigs = new HashMap<>();

  Reconciler(
      ConfigStore configs,
      StatusStore statuses,
      Worker worker,
      ConfigProviders providers,
      String workerId,
      Cluster cluster,
      FencingGate fencing) {
    this.cluster = cluster;
    this.fencing = fencing;
    if (cluster.assignsWork()) {
      // Nothing runs before the first assignment names this worker's share.
      this.assignedConnectors = Set.of();
      this.assignedTasks = Set.of();
    }
    this.configs = configs;
    this.statuses = statuses;
    this.worker = worker;
    this.providers = providers;
    this.workerId = workerId;
  }

  /** Brings every stored connector up. */
  void start() {
    submit(
        () -> {
          for (String name : configs.snapshot().connectors()) {
            reconcile(name);
          }
          return null;
        });
  }

  /**
   * Adopts a cluster assignment: stops what this worker no longer owns and starts what it now owns;
   * completes once done, so the caller can tell the group it released its revoked work.
   */
  CompletableFuture<Void> assign(Set<String> connectors, Set<TaskId> tasks) {
    return submit(
        () -> {
          assignedConnectors = Set.copyOf(connectors);
          assignedTasks = Set.copyOf(tasks);
          Set<String> names = new HashSet<>(configs.snapshot().connectors());
          names.addAll(runningConnectors.keySet());
          for (TaskId id : runningTasks.keySet()) {
            names.add(id.connector());
          }
          for (String name : names) {
            reconcile(name);
          }
          return null;
        });
  }

  private boolean ownsConnector(String name) {
    return assignedConnectors == null || assignedConnectors.contains(name);
  }

  private boolean ownsTask(TaskId id) {
    return assignedTasks == null || assignedTasks.contains(id);
  }

  /** Task configs go to the config topic through the leader, its single writer. */
  private CompletableFuture<Void> writeTaskConfigs(
      String name, List<Map<String, String>> taskConfigs) {
    CompletableFuture<Void> write =
        cluster.isLeader()
            ? configs.putTaskConfigs(name, taskConfigs)
            : cluster.forwardTaskConfigs(name, taskConfigs);
    return write.whenComplete(
        (ok, e) -> {
          if (e != null) {
            log.error("cannot write the task configs of connector {}", name, e);
          }
        });
  }

  <T> CompletableFuture<T> submit(Callable<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    thread.execute(
        () -> {
          try {
            result.complete(work.call());
          } catch (Throwable e) {
            log.error("herder action failed", e);
            result.completeExceptionally(e);
          }
        });
    return result;
  }

  @Override
  public void onConnectorConfigUpdate(String connector) {
    submit(() -> reconcile(connector));
  }

  @Override
  public void onConnectorConfigRemove(String connector) {
    submit(() -> reconcile(connector));
  }

  @Override
  public void onTaskConfigUpdate(String connector, List<TaskId> tasks) {
    submit(() -> reconcile(connector));
  }

  @Override
  public void onTaskCountRecord(String connector) {
    submit(() -> reconcile(connector));
  }

  @Override
  public void onTargetStateChange(String connector) {
    submit(() -> reconcile(connector));
  }

  @Override
  public void onRestartRequest(RestartRequest request) {
    // Restarts are executed by the worker that received the REST call (see Herder#restart).
  }

  /** Called by a connector asking for new task configs. */
  void onTaskReconfigurationRequested(String connector) {
    submit(
        () -> {
          regenerateTasks(connector, configs.snapshot());
          return null;
        });
  }

  /** Makes the worker's view of one connector match the store; runs on the herder thread. */
  Void reconcile(String name) {
    ConfigSnapshot snapshot = configs.snapshot();
    Map<String, String> config = snapshot.connectorConfig(name).orElse(null);
    if (config == null) {
      stopTasks(name, runningTaskIds(name));
      boolean ran = runningConnectors.remove(name) != null;
      if (ran) {
        worker.stopConnector(name);
      }
      if (ran || cluster.isLeader()) {
        statuses.put(new ConnectorStatus(name, StatusState.DESTROYED, null, workerId, 0, null));
      }
      return null;
    }
    TargetState target = snapshot.targetState(name).orElse(TargetState.STARTED);
    if (!ownsConnector(name)) {
      if (runningConnectors.remove(name) != null) {
        worker.stopConnector(name);
      }
    } else if (!config.equals(runningConnectors.get(name))) {
      // The tasks running here keep running unless their configs or the connector config they
      // started with changed (see reconcileTasks): a connector that moves to this worker after a
      // failover must not restart tasks that were never affected.
      if (runningConnectors.remove(name) != null) {
        worker.stopConnector(name);
      }
      runningConnectors.put(name, config);
      try {
        worker.startConnector(name, resolve(config), target, this::onTaskReconfigurationRequested);
      } catch (RuntimeException e) {
        log.error("connector {} cannot start", name, e);
      }
    } else {
      worker.setConnectorTargetState(name, target);
    }
    // Only the owner of the connector generates its task configs.
    if (ownsConnector(name) && target == TargetState.STARTED) {
      regenerateTasks(name, snapshot);
    } else if (ownsConnector(name)
        && target == TargetState.STOPPED
        && snapshot.taskCount(name) > 0) {
      writeTaskConfigs(name, List.of());
    }
    reconcileTasks(name, snapshot, target);
    return null;
  }

  /** Restarts the connector instance; its tasks follow the configs it then generates. */
  Void restartConnector(String name) {
    if (runningConnectors.remove(name) != null) {
      worker.stopConnector(name);
    }
    return reconcile(name);
  }

  /** Stops and starts one task with its stored config. */
  Void restartTask(TaskId id) {
    stopTasks(id.connector(), List.of(id));
    ConfigSnapshot snapshot = configs.snapshot();
    reconcileTasks(
        id.connector(), snapshot, snapshot.targetState(id.connector()).orElse(TargetState.STARTED));
    return null;
  }

  private void regenerateTasks(String name, ConfigSnapshot snapshot) {
    Map<String, String> config = snapshot.connectorConfig(name).orElse(null);
    if (config == null || !worker.isConnectorRunning(name)) {
      return;
    }
    int maxTasks = Integer.parseInt(config.getOrDefault("tasks.max", "1").trim());
    List<Map<String, String>> generated;
    try {
      generated = worker.connectorTaskConfigs(name, maxTasks);
    } catch (RuntimeException e) {
      log.error("connector {} cannot generate task configs", name, e);
      statuses.put(
          new ConnectorStatus(
              name, StatusState.FAILED, StatusReporter.trace(e), workerId, 0, null));
      return;
    }
    List<Map<String, String>> stored = new ArrayList<>();
    for (Map<String, String> task : generated) {
      stored.add(ConfigProviders.restorePlaceholders(config, task));
    }
    if (!stored.equals(snapshot.taskConfigs(name))) {
      writeTaskConfigs(name, stored);
    }
  }

  private void reconcileTasks(String name, ConfigSnapshot snapshot, TargetState target) {
    Map<TaskId, Map<String, String>> desired = new HashMap<>();
    if (snapshot.contains(name) && target != TargetState.STOPPED) {
      for (TaskId id : snapshot.tasks(name)) {
        if (ownsTask(id)) {
          snapshot.taskConfig(id).ifPresent(taskConfig -> desired.put(id, taskConfig));
        }
      }
    }
    // A new generation of exactly-once tasks waits for the leader's fencing round, and none of
    // the previous one may keep running: the round fences every one of their transactional ids.
    boolean fencingPending = !desired.isEmpty() && fencing.holds(name, snapshot);
    List<TaskId> stale = new ArrayList<>();
    Map<String, String> storedConnectorConfig = snapshot.connectorConfig(name).orElse(null);
    for (TaskId id : runningTaskIds(name)) {
      if (fencingPending
          || !Objects.equals(desired.get(id), runningTasks.get(id))
          || !Objects.equals(storedConnectorConfig, taskConnectorConfigs.get(id))) {
        stale.add(id);
      }
    }
    stopTasks(name, stale);
    if (fencingPending) {
      log.info("tasks of connector {} wait for its zombie-fencing round", name);
      fencing.request(name, () -> submit(() -> reconcile(name)));
      return;
    }
    Map<String, String> connectorConfig = resolve(snapshot.connectorConfig(name).orElse(Map.of()));
    for (Map.Entry<TaskId, Map<String, String>> task : desired.entrySet()) {
      TaskId id = task.getKey();
      if (runningTasks.containsKey(id)) {
        worker.setTaskTargetState(id, target);
      } else {
        runningTasks.put(id, task.getValue());
        taskConnectorConfigs.put(id, storedConnectorConfig);
        worker.startTask(id, connectorConfig, resolve(task.getValue()), target);
      }
    }
  }

  private Map<String, String> resolve(Map<String, String> config) {
    return providers.resolve(config).values();
  }

  private List<TaskId> runningTaskIds(String name) {
    List<TaskId> ids = new ArrayList<>();
    for (TaskId id : runningTasks.keySet()) {
      if (id.connector().equals(name)) {
        ids.add(id);
      }
    }
    return ids;
  }

  private void stopTasks(String name, List<TaskId> ids) {
    if (ids.isEmpty()) {
      return;
    }
    log.info("stopping tasks {} of connector {}", ids, name);
    worker.stopTasks(ids);
    ids.forEach(runningTasks::remove);
    ids.forEach(taskConnectorConfigs::remove);
  }

  /** Stops everything this worker runs, waiting for final commits. */
  void close() {
    try {
      submit(
              () -> {
                Set<TaskId> all = new HashSet<>(runningTasks.keySet());
                worker.stopTasks(all);
                runningTasks.clear();
                taskConnectorConfigs.clear();
                for (String name : new ArrayList<>(runningConnectors.keySet())) {
                  worker.stopConnector(name);
                }
                runningConnectors.clear();
                return null;
              })
          .get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.error("herder did not stop cleanly", e);
    } finally {
      thread.shutdownNow();
    }
  }
}
