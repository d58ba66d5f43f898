package dev.wharf.connect.metrics;

import dev.wharf.connect.storage.StatusState;
import dev.wharf.connect.storage.TaskId;
import dev.wharf.connect.worker.StatusListener;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The Connect metrics of this worker: each task's {@link TaskMetrics}, the state of each connector
 * and task it runs, and the last failure of each connector, exposed as Micrometer meters (hence
 * {@code GET /metrics}) and read by {@code GET /connectors/{name}/metrics}.
 *
 * <p>Prometheus names follow one rule: {@code kafka_connect_<group>_<metric>}, where {@code
 * <group>} is Apache's metric group without its {@code -metrics} suffix and {@code connect-} prefix
 * ({@code source-task}, {@code sink-task}, {@code connector-task}, {@code task-error}, {@code
 * worker}, {@code worker-rebalance}) and {@code <metric>} is Apache's metric name, dashes turned
 * into underscores; cumulative counts are Prometheus counters and so end in {@code _total}. Task
 * series carry the labels {@code connector} and {@code task}; worker series per connector carry
 * {@code connector}.
 */
public final class ConnectMetrics {
  private static final String PREFIX = "kafka.connect.";

  private final MeterRegistry registry;
  private final boolean enabled;
  private final Function<String, String> masker;
  private final Map<TaskId, Registered> tasks = new ConcurrentHashMap<>();
  private final Map<String, StatusState> connectorStates = new ConcurrentHashMap<>();
  private final Map<TaskId, StatusState> taskStates = new ConcurrentHashMap<>();
  private final Map<String, LastError> lastErrors = new ConcurrentHashMap<>();
  private final Map<StatusState, MultiGauge> taskCounts = new EnumMap<>(StatusState.class);
  private final MultiGauge totalTaskCounts;
  private final MultiGauge lag;
  private final StartupCounts<String> connectorStartups;
  private final StartupCounts<TaskId> taskStartups;
  private final RebalanceMetrics rebalances;

  /**
   * @param enabled false makes every task's counters no-ops (state counts are still kept)
   * @param masker applied to failure messages, which may quote a secret
   */
  public ConnectMetrics(MeterRegistry registry, boolean enabled, Function<String, String> masker) {
    this.registry = registry;
    this.enabled = enabled;
    this.masker = masker;
    Gauge.builder(PREFIX + "worker.connector.count", connectorStates, Map::size)
        .description("Connectors this worker runs")
        .strongReference(true)
        .register(registry);
    Gauge.builder(PREFIX + "worker.task.count", taskStates, Map::size)
        .description("Tasks this worker runs")
        .strongReference(true)
        .register(registry);
    for (StatusState state :
        List.of(
            StatusState.RUNNING, StatusState.PAUSED, StatusState.FAILED, StatusState.RESTARTING)) {
      taskCounts.put(
          state,
          MultiGauge.builder(
                  PREFIX
                      + "worker.connector."
                      + state.name().toLowerCase(java.util.Locale.ROOT)
                      + ".task.count")
              .description("Tasks of the connector in state " + state + " on this worker")
              .register(registry));
    }
    totalTaskCounts =
        MultiGauge.builder(PREFIX + "worker.connector.total.task.count")
            .description("Tasks of the connector on this worker")
            .register(registry);
    lag =
        MultiGauge.builder(PREFIX + "sink.task.consumer.lag")
            .description("Records of the partition not yet read by the sink task")
            .register(registry);
    connectorStartups = new StartupCounts<>(registry, PREFIX, "connector");
    taskStartups = new StartupCounts<>(registry, PREFIX, "task");
    rebalances = new RebalanceMetrics(registry, System::currentTimeMillis);
  }

  /**
   * The rebalance metrics; a distributed worker's membership reports to them, a standalone worker's
   * keep their values of "no rebalance yet".
   */
  public RebalanceMetrics rebalances() {
    return rebalances;
  }

  /** The worker begins starting connector {@code name}; its first state settles the attempt. */
  public void connectorStarting(String name) {
    connectorStartups.starting(name);
  }

  /** The worker begins starting task {@code id}; its first state settles the attempt. */
  public void taskStarting(TaskId id) {
    taskStartups.starting(id);
  }

  /**
   * Creates the counters of task {@code id} and registers its meters; replaces those of an earlier
   * run of the same task.
   */
  public TaskMetrics startTask(TaskId id, TaskMetrics.Kind kind) {
    TaskMetrics metrics = new TaskMetrics(id, kind, enabled, System.currentTimeMillis());
    Registered previous =
        tasks.put(id, new Registered(metrics, enabled ? meters(metrics) : List.of()));
    if (previous != null) {
      previous.meters().forEach(registry::remove);
    }
    return metrics;
  }

  /** Removes the meters of a task that stopped, unless a newer run has replaced them. */
  public void stopTask(TaskMetrics metrics) {
    Registered current = tasks.get(metrics.id());
    if (current != null && current.metrics() == metrics && tasks.remove(metrics.id(), current)) {
      current.meters().forEach(registry::remove);
    }
  }

  /** The counters of task {@code id} if it runs on this worker. */
  public Optional<TaskMetrics> task(TaskId id) {
    Registered registered = tasks.get(id);
    return registered == null ? Optional.empty() : Optional.of(registered.metrics());
  }

  /** The counters of every task of {@code connector} running on this worker. */
  public List<TaskMetrics> tasksOf(String connector) {
    List<TaskMetrics> result = new ArrayList<>();
    tasks.forEach(
        (id, registered) -> {
          if (id.connector().equals(connector)) {
            result.add(registered.metrics());
          }
        });
    return result;
  }

  /** The latest failure of the connector or one of its tasks, while the connector exists. */
  public Optional<LastError> lastError(String connector) {
    return Optional.ofNullable(lastErrors.get(connector));
  }

  /** Forgets a deleted connector: its states and its last error. */
  public void forget(String connector) {
    connectorStates.remove(connector);
    taskStates.keySet().removeIf(id -> id.connector().equals(connector));
    lastErrors.remove(connector);
  }

  /** Wraps the worker's status listener so every state change also updates these metrics. */
  public StatusListener tracking(StatusListener delegate) {
    return new Tracking(delegate);
  }

  /** Brings the per-connector state counts and per-partition lags up to date; before a scrape. */
  public void refresh() {
    Map<String, Map<StatusState, Integer>> counts = new java.util.HashMap<>();
    connectorStates.keySet().forEach(name -> counts.put(name, new EnumMap<>(StatusState.class)));
    taskStates.forEach(
        (id, state) ->
            counts
                .computeIfAbsent(id.connector(), name -> new EnumMap<>(StatusState.class))
                .merge(state, 1, Integer::sum));
    taskCounts.forEach(
        (state, gauge) -> {
          List<MultiGauge.Row<?>> rows = new ArrayList<>();
          counts.forEach(
              (connector, byState) ->
                  rows.add(
                      MultiGauge.Row.of(
                          Tags.of("connector", connector), byState.getOrDefault(state, 0))));
          gauge.register(rows, true);
        });
    List<MultiGauge.Row<?>> totals = new ArrayList<>();
    counts.forEach(
        (connector, byState) ->
            totals.add(
                MultiGauge.Row.of(
                    Tags.of("connector", connector),
                    byState.values().stream().mapToInt(Integer::intValue).sum())));
    totalTaskCounts.register(totals, true);
    List<MultiGauge.Row<?>> lags = new ArrayList<>();
    tasks.forEach(
        (id, registered) ->
            registered
                .metrics()
                .lag
                .forEach(
                    (partition, records) ->
                        lags.add(
                            MultiGauge.Row.of(
                                Tags.of(
                                    "connector", id.connector(),
                                    "task", Integer.toString(id.task()),
                                    "topic", partition.topic(),
                                    "partition", Integer.toString(partition.partition())),
                                records))));
    lag.register(lags, true);
  }

  private List<Meter> meters(TaskMetrics task) {
    Tags tags =
        Tags.of("connector", task.id().connector(), "task", Integer.toString(task.id().task()));
    List<Meter> meters = new ArrayList<>();
    if (task.kind() == TaskMetrics.Kind.SOURCE) {
      meters.add(count("source.task.source.record.poll", tags, task.recordsIn));
      meters.add(rate("source.task.source.record.poll.rate", tags, task, t -> t.inRate));
      meters.add(count("source.task.source.record.write", tags, task.recordsOut));
      meters.add(rate("source.task.source.record.write.rate", tags, task, t -> t.outRate));
      meters.add(
          gauge("source.task.poll.batch.avg.time.ms", tags, task, TaskMetrics::pollAverageMillis));
      meters.add(
          gauge("source.task.poll.batch.max.time.ms", tags, task, t -> t.pollMaxNanos.get() / 1e6));
    } else {
      meters.add(count("sink.task.sink.record.read", tags, task.recordsIn));
      meters.add(rate("sink.task.sink.record.read.rate", tags, task, t -> t.inRate));
      meters.add(count("sink.task.sink.record.send", tags, task.recordsOut));
      meters.add(rate("sink.task.sink.record.send.rate", tags, task, t -> t.outRate));
      meters.add(
          gauge("sink.task.put.batch.avg.time.ms", tags, task, TaskMetrics::putAverageMillis));
      meters.add(
          gauge("sink.task.put.batch.max.time.ms", tags, task, t -> t.putMaxNanos.get() / 1e6));
      meters.add(gauge("sink.task.partition.count", tags, task, t -> t.lag.size()));
    }
    meters.add(
        gauge(
            "connector.task.offset.commit.success.percentage",
            tags,
            task,
            t -> t.commitPercentage(true)));
    meters.add(
        gauge(
            "connector.task.offset.commit.failure.percentage",
            tags,
            task,
            t -> t.commitPercentage(false)));
    meters.add(count("task.error.deadletterqueue.produce.requests", tags, task.deadLetterRequests));
    meters.add(count("task.error.deadletterqueue.produce.failures", tags, task.deadLetterFailures));
    meters.add(count("task.error.total.record.errors", tags, task.recordErrors));
    meters.add(count("task.error.total.record.failures", tags, task.recordFailures));
    meters.add(count("task.error.total.records.skipped", tags, task.recordsSkipped));
    meters.add(count("task.error.total.retries", tags, task.retries));
    meters.add(count("task.error.total.errors.logged", tags, task.errorsLogged));
    meters.add(gauge("task.error.last.error.timestamp", tags, task, t -> t.lastErrorMillis.get()));
    return meters;
  }

  private Meter count(String name, Tags tags, LongAdder adder) {
    return FunctionCounter.builder(PREFIX + name, adder, LongAdder::doubleValue)
        .tags(tags)
        .register(registry);
  }

  private Meter rate(String name, Tags tags, TaskMetrics task, Function<TaskMetrics, Rate> rate) {
    return gauge(name, tags, task, t -> rate.apply(t).perSecond(System.currentTimeMillis()));
  }

  private Meter gauge(
      String name, Tags tags, TaskMetrics task, ToDoubleFunction<TaskMetrics> value) {
    return Gauge.builder(PREFIX + name, task, value)
        .tags(tags)
        .strongReference(true)
        .register(registry);
  }

  /** The latest failure of a connector or task: message, when, and which task (null: itself). */
  public record LastError(String message, Instant time, Integer task) {}

  private record Registered(TaskMetrics metrics, List<Meter> meters) {}

  private final class Tracking implements StatusListener {
    private final StatusListener delegate;

    Tracking(StatusListener delegate) {
      this.delegate = delegate;
    }

    @Override
    public void onTaskState(TaskId task, StatusState state, Throwable error) {
      if (state == StatusState.FAILED) {
        recordError(task.connector(), task.task(), error);
      }
      taskStartups.onState(task, state);
      // UNASSIGNED means the task stopped running here: it leaves this worker's counts.
      if (state == StatusState.UNASSIGNED) {
        taskStates.remove(task);
      } else {
        taskStates.put(task, state);
      }
      delegate.onTaskState(task, state, error);
    }

    @Override
    public void onConnectorState(String connector, StatusState state, Throwable error) {
      if (state == StatusState.FAILED) {
        recordError(connector, null, error);
      }
      connectorStartups.onState(connector, state);
      if (state == StatusState.UNASSIGNED) {
        connectorStates.remove(connector);
      } else {
        connectorStates.put(connector, state);
      }
      delegate.onConnectorState(connector, state, error);
    }

    @Override
    public void onTopicUsed(TaskId task, String topic) {
      delegate.onTopicUsed(task, topic);
    }

    private void recordError(String connector, Integer task, Throwable error) {
      String message = error == null ? "failed" : String.valueOf(error.getMessage());
      if (error != null && error.getMessage() == null) {
        message = error.getClass().getName();
      }
      lastErrors.put(connector, new LastError(masker.apply(message), Instant.now(), task));
    }
  }
}
