package dev.wharf.connect.worker;

import dev.wharf.connect.logs.ConnectorLogs;
import dev.wharf.connect.logs.LogContext;
import dev.wharf.connect.logs.SecretMasker;
import dev.wharf.connect.metrics.ConnectMetrics;
import dev.wharf.connect.metrics.TaskMetrics;
import dev.wharf.connect.plugins.Plugins;
import dev.wharf.connect.storage.ConnectorOffsetReader;
import dev.wharf.connect.storage.ConnectorOffsetStores;
import dev.wharf.connect.storage.OffsetStore;
import dev.wharf.connect.storage.StatusState;
import dev.wharf.connect.storage.TargetState;
import dev.wharf.connect.storage.TaskId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest.ClientType;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the connectors and tasks the herder assigns to this process: instantiates them through the
 * plugin layer, gives each task its converters, transformations, Kafka clients and error handling,
 * and runs each on a thread of its own. The worker holds no desired state: the herder tells it what
 * to run.
 */
public final class Worker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Worker.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  /** The key of a task config that names the task's class, as Apache stores it. */
  public static final String TASK_CLASS = "task.class";

  private final Map<String, String> workerConfig;
  private final Plugins plugins;
  private final TaskPlugins taskPlugins;
  private final ConnectorOffsetStores offsets;
  private final StatusListener status;
  private final WorkerSettings settings;
  private final ClientOverrides overrides;
  private final Admin admin;
  private final Metrics metrics = new Metrics();
  private final Map<String, ConnectorRunner> connectors = new ConcurrentHashMap<>();
  private final Map<TaskId, TaskRunner> tasks = new ConcurrentHashMap<>();
  private final ExecutorService threads;
  private final ConnectorLogs logs;
  private final ConnectMetrics connectMetrics;

  /** A worker whose connectors' logs are not kept and whose tasks count nothing. */
  public Worker(
      Map<String, String> workerConfig,
      Plugins plugins,
      OffsetStore offsets,
      StatusListener status,
      WorkerSettings settings) {
    this(
        workerConfig,
        plugins,
        ConnectorOffsetStores.single(offsets),
        status,
        settings,
        ConnectorLogs.start(false, 10, 64 * 1024, new SecretMasker()),
        new ConnectMetrics(
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), false, text -> text));
  }

  /**
   * A worker that keeps each connector's log lines in {@code logs} and counts each task's records
   * in {@code connectMetrics}; give it {@code connectMetrics.tracking(status)} as its listener so
   * that state counts and failures are seen too. Each source connector gets its offset store from
   * {@code offsets}.
   */
  public Worker(
      Map<String, String> workerConfig,
      Plugins plugins,
      ConnectorOffsetStores offsets,
      StatusListener status,
      WorkerSettings settings,
      ConnectorLogs logs,
      ConnectMetrics connectMetrics) {
    this.logs = logs;
    this.connectMetrics = connectMetrics;
    this.workerConfig = Map.copyOf(workerConfig);
    this.plugins = plugins;
    this.taskPlugins = new TaskPlugins(plugins, this.workerConfig);
    this.offsets = offsets;
    this.status = status;
    this.settings = settings;
    ConnectorClientConfigOverridePolicy policy =
        plugins.newOverridePolicy(
            workerConfig.getOrDefault("connector.client.config.override.policy", "All"));
    policy.configure(this.workerConfig);
    this.overrides = new ClientOverrides(policy);
    this.admin = Admin.create(ClientConfigs.admin(this.workerConfig));
    AtomicInteger count = new AtomicInteger();
    this.threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "task-thread-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Creates, initializes and starts the connector {@code name} towards {@code state}; a connector
   * whose class cannot be loaded or whose start() throws is reported FAILED.
   */
  public void startConnector(
      String name,
      Map<String, String> config,
      TargetState state,
      TaskReconfigurationListener reconfiguration) {
    if (connectors.containsKey(name)) {
      throw new ConnectException("Connector " + name + " is already running on this worker");
    }
    connectMetrics.connectorStarting(name);
    Connector connector;
    OffsetStore connectorOffsets;
    try {
      connector = plugins.newConnector(config.get("connector.class"));
      // Only a source connector has offsets; its own offsets topic is created here when missing.
      connectorOffsets =
          connector instanceof org.apache.kafka.connect.source.SourceConnector
              ? offsets.forConnector(config)
              : offsets.workerStore();
    } catch (RuntimeException e) {
      status.onConnectorState(name, StatusState.FAILED, e);
      throw e;
    }
    logs.open(name);
    maskPasswords(connector, config);
    ConnectorRunner runner =
        new ConnectorRunner(
            name,
            connector,
            config,
            status,
            reconfiguration,
            connector.getClass().getClassLoader(),
            metrics,
            new ConnectorOffsetReader(connectorOffsets, name, Duration.ofSeconds(30)));
    connectors.put(name, runner);
    runner.start(state);
  }

  public void setConnectorTargetState(String name, TargetState state) {
    ConnectorRunner runner = connectors.get(name);
    if (runner != null) {
      runner.transitionTo(state);
    }
  }

  /**
   * Task configs of a running connector, each with {@code task.class} added as Apache does.
   *
   * @throws ConnectException when the connector is not running or asks for more than {@code
   *     maxTasks} tasks
   */
  public List<Map<String, String>> connectorTaskConfigs(String name, int maxTasks) {
    ConnectorRunner runner = connectors.get(name);
    if (runner == null) {
      throw new ConnectException("Connector " + name + " is not running on this worker");
    }
    List<Map<String, String>> generated = runner.taskConfigs(maxTasks);
    if (generated.size() > maxTasks) {
      throw new ConnectException(
          "Connector "
              + name
              + " generated "
              + generated.size()
              + " tasks, more than its tasks.max of "
              + maxTasks);
    }
    String taskClass = runner.connector().taskClass().getName();
    List<Map<String, String>> result = new ArrayList<>();
    for (Map<String, String> config : generated) {
      Map<String, String> withClass = new java.util.HashMap<>(config);
      withClass.put(TASK_CLASS, taskClass);
      result.add(withClass);
    }
    return result;
  }

  /** The connector instance running under {@code name}, if any. */
  public java.util.Optional<Connector> connector(String name) {
    ConnectorRunner runner = connectors.get(name);
    return runner == null ? java.util.Optional.empty() : java.util.Optional.of(runner.connector());
  }

  public boolean isConnectorRunning(String name) {
    ConnectorRunner runner = connectors.get(name);
    return runner != null && runner.isRunning();
  }

  public Set<String> connectorNames() {
    return Set.copyOf(connectors.keySet());
  }

  public void stopConnector(String name) {
    ConnectorRunner runner = connectors.remove(name);
    if (runner != null) {
      runner.stop();
      status.onConnectorState(name, StatusState.UNASSIGNED, null);
    }
  }

  /**
   * Starts task {@code id} with its connector's config (for converters, transforms, errors and
   * client overrides) and its own task config; a task that cannot be built is reported FAILED.
   */
  public void startTask(
      TaskId id,
      Map<String, String> connectorConfig,
      Map<String, String> taskConfig,
      TargetState state) {
    if (tasks.containsKey(id)) {
      throw new ConnectException("Task " + id + " is already running on this worker");
    }
    connectMetrics.taskStarting(id);
    logs.open(id.connector());
    TaskRunner runner;
    try (LogContext context = LogContext.forTask(id)) {
      runner = buildTask(id, connectorConfig, taskConfig, state);
    } catch (RuntimeException e) {
      log.error("cannot start task {}", id, e);
      status.onTaskState(id, StatusState.FAILED, e);
      return;
    }
    tasks.put(id, runner);
    threads.execute(
        () -> {
          try {
            runner.run();
          } finally {
            tasks.remove(id, runner);
            connectMetrics.stopTask(runner.metrics());
          }
        });
  }

  public void setTaskTargetState(TaskId id, TargetState state) {
    TaskRunner runner = tasks.get(id);
    if (runner != null) {
      runner.transitionTo(state);
    }
  }

  public Set<TaskId> taskIds() {
    return Set.copyOf(tasks.keySet());
  }

  /** Stops the given tasks together and waits for each to finish its final commit. */
  public void stopTasks(Collection<TaskId> ids) {
    List<TaskRunner> stopping = new ArrayList<>();
    for (TaskId id : ids) {
      TaskRunner runner = tasks.get(id);
      if (runner != null) {
        runner.stop();
        stopping.add(runner);
      }
    }
    for (TaskRunner runner : stopping) {
      try {
        if (!runner.awaitStopped(STOP_TIMEOUT)) {
          log.warn("task {} did not stop within {}", runner.id(), STOP_TIMEOUT);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      tasks.remove(runner.id(), runner);
    }
  }

  private TaskRunner buildTask(
      TaskId id,
      Map<String, String> connectorConfig,
      Map<String, String> taskConfig,
      TargetState state) {
    String taskClass = taskConfig.get(TASK_CLASS);
    if (taskClass == null) {
      throw new ConnectException("Task " + id + " has no " + TASK_CLASS + " in its configuration");
    }
    Class<? extends Connector> connectorClass = connectorClass(connectorConfig);
    ClassLoader loader = connectorClass.getClassLoader();
    Task task = plugins.newTask(taskClass(taskClass, loader));
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(loader);
    try {
      RecordConverters converters = taskPlugins.converters(connectorConfig);
      ErrorSettings errorSettings = ErrorSettings.parse(connectorConfig);
      if (task instanceof SourceTask source) {
        return sourceRunner(
            id,
            source,
            connectorConfig,
            taskConfig,
            converters,
            errorSettings,
            state,
            connectorClass);
      }
      if (task instanceof SinkTask sink) {
        return sinkRunner(
            id,
            sink,
            connectorConfig,
            taskConfig,
            converters,
            errorSettings,
            state,
            connectorClass);
      }
      throw new ConnectException(
          "Task class " + task.getClass().getName() + " is neither a SourceTask nor a SinkTask");
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  private TaskRunner sourceRunner(
      TaskId id,
      SourceTask task,
      Map<String, String> connectorConfig,
      Map<String, String> taskConfig,
      RecordConverters converters,
      ErrorSettings errorSettings,
      TargetState state,
      Class<? extends Connector> connectorClass) {
    TransformationChain<SourceRecord> transforms = taskPlugins.transformations(connectorConfig);
    Map<String, Object> producerConfig =
        ClientConfigs.producer(
            workerConfig,
            id,
            overrides.allowed(connectorConfig, connectorClass, ClientType.PRODUCER));
    OffsetStore taskOffsets = offsets.forConnector(connectorConfig);
    ExactlyOnce exactlyOnce =
        ExactlyOnce.forTask(workerConfig, connectorConfig, id, offsets.topic(connectorConfig));
    TransactionRequests transactions = null;
    if (exactlyOnce != null) {
      exactlyOnce.configure(producerConfig);
      transactions =
          exactlyOnce.boundary() == ExactlyOnce.Boundary.CONNECTOR
              ? new TransactionRequests()
              : null;
    }
    KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig);
    ErrorHandler errors = new ErrorHandler(errorSettings, id.toString(), null);
    TaskMetrics taskMetrics = connectMetrics.startTask(id, TaskMetrics.Kind.SOURCE);
    errors.countInto(taskMetrics);
    return new SourceTaskRunner(
        id,
        task,
        taskConfig,
        new TaskContexts.Source(id, taskConfig, taskOffsets, metrics, transactions),
        transforms,
        converters,
        producer,
        taskOffsets,
        errors,
        TopicCreator.forConnector(admin, connectorConfig, settings.topicCreationEnable()),
        settings,
        status,
        state,
        connectorClass.getClassLoader(),
        exactlyOnce,
        transactions,
        taskMetrics);
  }

  private TaskRunner sinkRunner(
      TaskId id,
      SinkTask task,
      Map<String, String> connectorConfig,
      Map<String, String> taskConfig,
      RecordConverters converters,
      ErrorSettings errorSettings,
      TargetState state,
      Class<? extends Connector> connectorClass) {
    TransformationChain<SinkRecord> transforms = taskPlugins.transformations(connectorConfig);
    DeadLetterQueue deadLetters = null;
    if (!errorSettings.deadLetterTopic().isEmpty()) {
      DeadLetterQueue.ensureTopic(
          admin, errorSettings.deadLetterTopic(), errorSettings.deadLetterReplicationFactor());
      deadLetters =
          new DeadLetterQueue(
              errorSettings.deadLetterTopic(),
              id.connector(),
              id.task(),
              errorSettings.deadLetterContextHeaders(),
              new KafkaProducer<>(
                  ClientConfigs.deadLetterProducer(
                      workerConfig,
                      id,
                      overrides.allowed(connectorConfig, connectorClass, ClientType.PRODUCER))));
    }
    ErrorHandler errors = new ErrorHandler(errorSettings, id.toString(), deadLetters);
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            ClientConfigs.consumer(
                workerConfig,
                id,
                overrides.allowed(connectorConfig, connectorClass, ClientType.CONSUMER)));
    TaskContexts.Sink context =
        new TaskContexts.Sink(id, taskConfig, metrics, new ErrantRecords(errors, converters));
    TaskMetrics taskMetrics = connectMetrics.startTask(id, TaskMetrics.Kind.SINK);
    errors.countInto(taskMetrics);
    if (deadLetters != null) {
      deadLetters.countInto(taskMetrics);
    }
    return new SinkTaskRunner(
        id,
        task,
        taskConfig,
        context,
        transforms,
        converters,
        consumer,
        errors,
        deadLetters,
        settings,
        status,
        state,
        connectorClass.getClassLoader(),
        taskMetrics);
  }

  /** Secrets of the connector's own config must never reach its captured log lines. */
  private void maskPasswords(Connector connector, Map<String, String> config) {
    org.apache.kafka.common.config.ConfigDef definition;
    try {
      definition = connector.config();
    } catch (RuntimeException e) {
      definition = null; // masking then goes by key names alone
    }
    logs.masker().addPasswords(definition, config);
  }

  private Class<? extends Connector> connectorClass(Map<String, String> connectorConfig) {
    return plugins
        .resolve(connectorConfig.get("connector.class"), Connector.class)
        .pluginClass()
        .asSubclass(Connector.class);
  }

  private static Class<? extends Task> taskClass(String name, ClassLoader loader) {
    try {
      return Class.forName(name, true, loader).asSubclass(Task.class);
    } catch (ClassNotFoundException | ClassCastException e) {
      throw new ConnectException("Task class " + name + " cannot be loaded as a Task", e);
    }
  }

  /** Stops every task, then every connector. */
  @Override
  public void close() {
    stopTasks(taskIds());
    for (String name : connectorNames()) {
      stopConnector(name);
    }
    threads.shutdown();
    Utils.closeQuietly(admin, "worker admin client");
    metrics.close();
  }
}
