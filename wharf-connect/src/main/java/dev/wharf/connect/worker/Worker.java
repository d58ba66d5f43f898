package dev.wharf.connect.worker;

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
  private final PluginLoader plugins;
  private final TaskPlugins taskPlugins;
  private final SourceOffsetStore offsets;
  private final StatusListener status;
  private final WorkerSettings settings;
  private final OverridePolicy overridePolicy;
  private final Admin admin;
  private final Metrics metrics = new Metrics();
  private final Map<String, ConnectorRunner> connectors = new ConcurrentHashMap<>();
  private final Map<TaskId, TaskRunner> tasks = new ConcurrentHashMap<>();
  private final ExecutorService threads;

  public Worker(
      Map<String, String> workerConfig,
      PluginLoader plugins,
      SourceOffsetStore offsets,
      StatusListener status,
      WorkerSettings settings) {
    this.workerConfig = Map.copyOf(workerConfig);
    this.plugins = plugins;
    this.taskPlugins = new TaskPlugins(plugins, this.workerConfig);
    this.offsets = offsets;
    this.status = status;
    this.settings = settings;
    this.overridePolicy =
        OverridePolicy.parse(
            workerConfig.getOrDefault("connector.client.config.override.policy", "All"));
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
      ConnectorRunner.ReconfigurationListener reconfiguration) {
    if (connectors.containsKey(name)) {
      throw new ConnectException("Connector " + name + " is already running on this worker");
    }
    Connector connector;
    try {
      connector = plugins.newInstance(config.get("connector.class"), Connector.class);
    } catch (RuntimeException e) {
      status.onConnectorState(name, TaskState.FAILED, e);
      throw e;
    }
    ConnectorRunner runner =
        new ConnectorRunner(
            name,
            connector,
            config,
            status,
            reconfiguration,
            plugins.loaderOf(connector.getClass()),
            metrics);
    connectors.put(name, runner);
    runner.start(state);
  }

  public void setConnectorTargetState(String name, TargetState state) {
    ConnectorRunner runner = connectors.get(name);
    if (runner != null) {
      runner.transitionTo(state);
    }
  }

  /** Task configs of a running connector, at most {@code tasks.max} of them. */
  public List<Map<String, String>> connectorTaskConfigs(String name, int maxTasks) {
    ConnectorRunner runner = connectors.get(name);
    if (runner == null) {
      throw new ConnectException("Connector " + name + " is not running on this worker");
    }
    return runner.taskConfigs(maxTasks);
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
      status.onConnectorState(name, TaskState.UNASSIGNED, null);
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
    TaskRunner runner;
    try {
      runner = buildTask(id, connectorConfig, taskConfig, state);
    } catch (RuntimeException e) {
      log.error("cannot start task {}", id, e);
      status.onTaskState(id, TaskState.FAILED, e);
      return;
    }
    tasks.put(id, runner);
    threads.execute(
        () -> {
          try {
            runner.run();
          } finally {
            tasks.remove(id, runner);
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
    Task task = plugins.newInstance(taskClass, Task.class);
    ClassLoader loader = plugins.loaderOf(task.getClass());
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(loader);
    try {
      RecordConverters converters = taskPlugins.converters(connectorConfig);
      ErrorSettings errorSettings = ErrorSettings.parse(connectorConfig);
      if (task instanceof SourceTask source) {
        return sourceRunner(
            id, source, connectorConfig, taskConfig, converters, errorSettings, state, loader);
      }
      if (task instanceof SinkTask sink) {
        return sinkRunner(
            id, sink, connectorConfig, taskConfig, converters, errorSettings, state, loader);
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
      ClassLoader loader) {
    TransformationChain<SourceRecord> transforms = taskPlugins.transformations(connectorConfig);
    KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            ClientConfigs.producer(workerConfig, connectorConfig, id, overridePolicy));
    return new SourceTaskRunner(
        id,
        task,
        taskConfig,
        new TaskContexts.Source(id, taskConfig, offsets, metrics),
        transforms,
        converters,
        producer,
        offsets,
        new ErrorHandler(errorSettings, id.toString(), null),
        TopicCreator.forConnector(admin, connectorConfig, settings.topicCreationEnable()),
        settings,
        status,
        state,
        loader);
  }

  private TaskRunner sinkRunner(
      TaskId id,
      SinkTask task,
      Map<String, String> connectorConfig,
      Map<String, String> taskConfig,
      RecordConverters converters,
      ErrorSettings errorSettings,
      TargetState state,
      ClassLoader loader) {
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
                      workerConfig, connectorConfig, id, overridePolicy)));
    }
    ErrorHandler errors = new ErrorHandler(errorSettings, id.toString(), deadLetters);
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            ClientConfigs.consumer(workerConfig, connectorConfig, id, overridePolicy));
    TaskContexts.Sink context =
        new TaskContexts.Sink(id, taskConfig, metrics, new ErrantRecords(errors, converters));
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
        loader);
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
