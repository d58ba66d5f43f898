package dev.wharf.connect.herder;

import dev.wharf.connect.herder.ConnectorViews.ConnectorInfo;
import dev.wharf.connect.herder.ConnectorViews.ConnectorState;
import dev.wharf.connect.herder.ConnectorViews.ConnectorStatus;
import dev.wharf.connect.herder.ConnectorViews.TaskInfo;
import dev.wharf.connect.herder.ConnectorViews.TaskRef;
import dev.wharf.connect.herder.ConnectorViews.TaskState;
import dev.wharf.connect.herder.ConnectorViews.Upsert;
import dev.wharf.connect.plugins.ConfigProviders;
import dev.wharf.connect.plugins.Plugins;
import dev.wharf.connect.storage.ConfigSnapshot;
import dev.wharf.connect.storage.ConfigStore;
import dev.wharf.connect.storage.StatusState;
import dev.wharf.connect.storage.StatusStore;
import dev.wharf.connect.storage.TargetState;
import dev.wharf.connect.storage.TaskId;
import dev.wharf.connect.storage.TaskStatus;
import dev.wharf.connect.storage.TopicStatus;
import dev.wharf.connect.validation.ConfigInfos;
import dev.wharf.connect.validation.ConnectorValidator;
import dev.wharf.connect.validation.InvalidRequestException;
import dev.wharf.connect.worker.Worker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * What the REST API and the command line ask of Connect: read and change connectors, their target
 * states and their tasks. Writes go to the config store and return once it shows them; the {@link
 * Reconciler} then makes the worker follow. Errors are typed: {@link NotFoundException}, {@link
 * ConflictException}, {@link InvalidRequestException}.
 */
public final class Herder implements AutoCloseable {
  private static final long WRITE_TIMEOUT_SECONDS = 60;

  private final ConfigStore configs;
  private final StatusStore statuses;
  private final Plugins plugins;
  private final ConnectorValidator validator;
  private final Reconciler reconciler;
  private final String workerId;
  private final Cluster cluster;
  private final boolean exactlyOnceSources;
  private final ConnectorTypes types;

  public Herder(
      String workerId,
      ConfigStore configs,
      StatusStore statuses,
      Worker worker,
      Plugins plugins,
      ConfigProviders providers) {
    this(workerId, configs, statuses, worker, plugins, providers, Cluster.single(), null);
  }

  /**
   * A herder of one worker in a cluster: config writes go through the cluster's leader. With a
   * {@code fencer} (the worker runs exactly-once sources), source connector configs are checked for
   * the KIP-618 keys and each new generation of a source connector's tasks starts only after the
   * leader's zombie-fencing round.
   */
  public Herder(
      String workerId,
      ConfigStore configs,
      StatusStore statuses,
      Worker worker,
      Plugins plugins,
      ConfigProviders providers,
      Cluster cluster,
      ZombieFencer fencer) {
    this.workerId = workerId;
    this.cluster = cluster;
    this.exactlyOnceSources = fencer != null;
    this.types = new ConnectorTypes(plugins);
    this.configs = configs;
    this.statuses = statuses;
    this.plugins = plugins;
    this.validator = new ConnectorValidator(plugins);
    FencingGate gate =
        fencer == null || !cluster.assignsWork()
            ? FencingGate.open()
            : new FencingGate(
                cluster,
                fencer,
                name ->
                    configs.snapshot().connectorConfig(name).map(types::isSource).orElse(false));
    this.reconciler = new Reconciler(configs, statuses, worker, providers, workerId, cluster, gate);
  }

  /**
   * Runs exactly the given connectors and tasks from now on (a cluster assignment); completes once
   * the worker has stopped what it lost and started what it gained.
   */
  public CompletableFuture<Void> applyAssignment(
      java.util.Set<String> connectors, java.util.Set<TaskId> tasks) {
    return reconciler.assign(connectors, tasks);
  }

  /**
   * Writes task configs a connector generated on another worker ({@code POST
   * /connectors/{name}/tasks}); only the leader writes them.
   */
  public void putTaskConfigs(String name, List<Map<String, String>> taskConfigs) {
    requireLeader();
    connectorConfig(name);
    await(configs.putTaskConfigs(name, taskConfigs));
  }

  /** Throws unless this worker is the leader, naming the leader to forward to when known. */
  public void requireLeader() {
    if (cluster.isLeader()) {
      return;
    }
    String leader =
        cluster
            .leaderUrl()
            .orElseThrow(
                () ->
                    new ConflictException(
                        "Cannot complete request momentarily due to no known leader URL, likely"
                            + " because a rebalance was underway."));
    throw new ForwardException(leader, "This worker is not the leader; the leader is " + leader);
  }

  /** Throws when another worker owns the work, naming it to forward to. */
  private static void requireOwner(java.util.Optional<String> owner, String selfUrl) {
    if (owner.isPresent() && !owner.get().equals(selfUrl)) {
      throw new ForwardException(owner.get(), "The work is assigned to " + owner.get());
    }
  }

  /** Listens to the config store (already started) and brings up every stored connector. */
  public void start() {
    configs.addListener(reconciler);
    reconciler.start();
  }

  public String workerId() {
    return workerId;
  }

  public List<String> connectors() {
    return new ArrayList<>(configs.snapshot().connectors());
  }

  public Map<String, String> connectorConfig(String name) {
    return configs
        .snapshot()
        .connectorConfig(name)
        .orElseThrow(() -> new NotFoundException("Connector " + name + " not found"));
  }

  public ConnectorInfo connectorInfo(String name) {
    ConfigSnapshot snapshot = configs.snapshot();
    Map<String, String> config =
        snapshot
            .connectorConfig(name)
            .orElseThrow(() -> new NotFoundException("Connector " + name + " not found"));
    List<TaskRef> tasks = new ArrayList<>();
    for (TaskId id : snapshot.tasks(name)) {
      tasks.add(new TaskRef(id.connector(), id.task()));
    }
    return new ConnectorInfo(name, config, tasks, type(config));
  }

  public List<TaskInfo> taskInfos(String name) {
    ConfigSnapshot snapshot = configs.snapshot();
    if (!snapshot.contains(name)) {
      throw new NotFoundException("Connector " + name + " not found");
    }
    List<TaskInfo> result = new ArrayList<>();
    for (TaskId id : snapshot.tasks(name)) {
      result.add(
          new TaskInfo(
              new TaskRef(id.connector(), id.task()), snapshot.taskConfig(id).orElse(Map.of())));
    }
    return result;
  }

  public ConnectorStatus connectorStatus(String name) {
    ConfigSnapshot snapshot = configs.snapshot();
    Map<String, String> config =
        snapshot
            .connectorConfig(name)
            .orElseThrow(() -> new NotFoundException("No status found for connector " + name));
    ConnectorState connector =
        statuses
            .connector(name)
            .map(s -> new ConnectorState(s.state().name(), s.workerId(), s.trace()))
            .orElse(new ConnectorState(StatusState.UNASSIGNED.name(), workerId, null));
    List<TaskState> tasks = new ArrayList<>();
    for (TaskId id : snapshot.tasks(name)) {
      tasks.add(taskState(id));
    }
    return new ConnectorStatus(name, connector, tasks, type(config));
  }

  public TaskState taskStatus(TaskId id) {
    if (!configs.snapshot().tasks(id.connector()).contains(id)) {
      throw new NotFoundException("No status found for task " + id);
    }
    return taskState(id);
  }

  private TaskState taskState(TaskId id) {
    return statuses
        .task(id)
        .map(s -> new TaskState(id.task(), s.state().name(), s.workerId(), s.trace()))
        .orElse(new TaskState(id.task(), StatusState.UNASSIGNED.name(), workerId, null));
  }

  /** {@code POST /connectors}: 409 when it exists. */
  public ConnectorInfo createConnector(
      String name, Map<String, String> config, TargetState initialState) {
    Map<String, String> complete = withName(name, config);
    requireLeader();
    if (configs.snapshot().contains(name)) {
      throw new ConflictException("Connector " + name + " already exists");
    }
    validateOrThrow(complete);
    await(configs.putConnectorConfig(name, complete, initialState));
    return connectorInfo(name);
  }

  /** {@code PUT /connectors/{name}/config}: creates or replaces. */
  public Upsert putConnectorConfig(String name, Map<String, String> config) {
    Map<String, String> complete = withName(name, config);
    requireLeader();
    boolean created = !configs.snapshot().contains(name);
    validateOrThrow(complete);
    await(configs.putConnectorConfig(name, complete, null));
    return new Upsert(created, connectorInfo(name));
  }

  /** {@code PATCH /connectors/{name}/config}: a null value removes its key. */
  public ConnectorInfo patchConnectorConfig(String name, Map<String, String> patch) {
    requireLeader();
    Map<String, String> config = new HashMap<>(connectorConfig(name));
    patch.forEach(
        (key, value) -> {
          if (value == null) {
            config.remove(key);
          } else {
            config.put(key, value);
          }
        });
    return putConnectorConfig(name, config).info();
  }

  public void deleteConnector(String name) {
    requireLeader();
    connectorConfig(name);
    await(configs.removeConnector(name));
  }

  public void pause(String name) {
    setTargetState(name, TargetState.PAUSED);
  }

  public void resume(String name) {
    setTargetState(name, TargetState.STARTED);
  }

  /** Stops the connector and its tasks (KIP-875): empty task configs, then STOPPED. */
  public void stop(String name) {
    requireLeader();
    connectorConfig(name);
    await(configs.putTaskConfigs(name, List.of()));
    await(configs.putTargetState(name, TargetState.STOPPED));
  }

  private void setTargetState(String name, TargetState state) {
    requireLeader();
    if (!configs.snapshot().contains(name)) {
      throw new NotFoundException("Unknown connector " + name);
    }
    await(configs.putTargetState(name, state));
  }

  /**
   * Restarts the connector and/or its tasks as Apache's {@code includeTasks}/{@code onlyFailed}
   * rules say; answers the status with RESTARTING where a restart is pending, or {@code null} for
   * the legacy form (both false), which restarts the connector alone.
   */
  public ConnectorStatus restart(String name, boolean includeTasks, boolean onlyFailed) {
    if (!configs.snapshot().contains(name)) {
      throw new NotFoundException("Unknown connector: " + name);
    }
    boolean connectorFailed =
        statuses.connector(name).map(s -> s.state() == StatusState.FAILED).orElse(false);
    boolean restartConnector = !onlyFailed || connectorFailed;
    List<TaskId> restartTasks = new ArrayList<>();
    if (includeTasks) {
      for (TaskId id : configs.snapshot().tasks(name)) {
        boolean failed = statuses.task(id).map(s -> s.state() == StatusState.FAILED).orElse(false);
        if (!onlyFailed || failed) {
          restartTasks.add(id);
        }
      }
    }
    if (!includeTasks && !onlyFailed) {
      requireOwner(cluster.connectorOwnerUrl(name), cluster.selfUrl());
      await(reconciler.submit(() -> reconciler.restartConnector(name)));
      return null;
    }
    if (restartConnector) {
      await(
          statuses.put(
              new dev.wharf.connect.storage.ConnectorStatus(
                  name, StatusState.RESTARTING, null, workerId, cluster.generation(), null)));
    }
    for (TaskId id : restartTasks) {
      await(
          statuses.put(
              new TaskStatus(
                  id, StatusState.RESTARTING, null, workerId, cluster.generation(), null)));
    }
    ConnectorStatus answer = connectorStatus(name);
    // Work another worker owns is restarted there; the rest here.
    boolean connectorHere = restartConnector && isLocal(cluster.connectorOwnerUrl(name));
    if (restartConnector && !connectorHere) {
      cluster.connectorOwnerUrl(name).ifPresent(url -> cluster.restartConnectorAt(url, name));
    }
    List<TaskId> tasksHere = new ArrayList<>();
    for (TaskId id : restartTasks) {
      if (isLocal(cluster.taskOwnerUrl(id))) {
        tasksHere.add(id);
      } else {
        cluster.taskOwnerUrl(id).ifPresent(url -> cluster.restartTaskAt(url, id));
      }
    }
    reconciler.submit(
        () -> {
          if (connectorHere) {
            reconciler.restartConnector(name);
          }
          for (TaskId id : tasksHere) {
            reconciler.restartTask(id);
          }
          return null;
        });
    return answer;
  }

  public void restartTask(TaskId id) {
    if (!configs.snapshot().tasks(id.connector()).contains(id)) {
      throw new NotFoundException("Unknown task: " + id);
    }
    requireOwner(cluster.taskOwnerUrl(id), cluster.selfUrl());
    await(reconciler.submit(() -> reconciler.restartTask(id)));
  }

  private boolean isLocal(java.util.Optional<String> owner) {
    return owner.isEmpty() || owner.get().equals(cluster.selfUrl());
  }

  /** The topics the connector's tasks have used (KIP-558), sorted. */
  public List<String> topics(String name) {
    connectorConfig(name);
    List<String> topics = new ArrayList<>();
    for (TopicStatus status : statuses.topics(name)) {
      topics.add(status.topic());
    }
    java.util.Collections.sort(topics);
    return topics;
  }

  /** Forgets the topics the connector has used. */
  public void resetTopics(String name) {
    connectorConfig(name);
    for (TopicStatus status : statuses.topics(name)) {
      await(statuses.deleteTopic(name, status.topic()));
    }
  }

  /** {@code PUT /connector-plugins/{plugin}/config/validate}. */
  public ConfigInfos validate(Map<String, String> config) {
    return validator.validate(config);
  }

  private void validateOrThrow(Map<String, String> config) {
    if (exactlyOnceSources) {
      ExactlyOnceChecks.check(config, plugins);
    }
    ConfigInfos infos;
    try {
      infos = validator.validate(config);
    } catch (ConnectException e) {
      throw new InvalidRequestException(e.getMessage());
    }
    if (infos.errorCount() == 0) {
      return;
    }
    StringBuilder message =
        new StringBuilder("Connector configuration is invalid and contains the following ")
            .append(infos.errorCount())
            .append(" error(s):");
    for (ConfigInfos.ConfigInfo info : infos.configs()) {
      for (String error : info.value().errors()) {
        message.append('\n').append(error);
      }
    }
    message.append(
        "\nYou can also find the above list of errors at the endpoint"
            + " `/connector-plugins/{connectorType}/config/validate`");
    throw new InvalidRequestException(message.toString());
  }

  private static Map<String, String> withName(String name, Map<String, String> config) {
    if (name == null || name.isBlank()) {
      throw new InvalidRequestException("Connector name cannot be empty");
    }
    if (name.contains("/")) {
      throw new InvalidRequestException(
          "Connector name " + name + " must not contain '/': it could not be addressed by URL");
    }
    String inConfig = config.get("name");
    if (inConfig != null && !inConfig.equals(name)) {
      throw new InvalidRequestException(
          "Connector name configuration ("
              + inConfig
              + ") doesn't match connector name in the URL ("
              + name
              + ")");
    }
    Map<String, String> complete = new HashMap<>(config);
    complete.put("name", name);
    return complete;
  }

  /** {@code source}, {@code sink} or {@code unknown}, from the connector class. */
  String type(Map<String, String> config) {
    return types.type(config);
  }

  /** Waits for a store write or herder action, turning its failure into a ConnectException. */
  public static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new ConnectException(cause);
    } catch (TimeoutException e) {
      throw new ConnectException("Request timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("interrupted", e);
    }
  }

  @Override
  public void close() {
    reconciler.close();
  }
}
