package dev.wharf.connect.metrics;

import dev.wharf.connect.cluster.RebalanceListener;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * Apache's {@code connect-worker-rebalance-metrics} group of this worker, fed by its cluster
 * membership: rounds completed, whether a round is under way, the generation (epoch) and leader of
 * the last completed round, and how long rounds took, from the join request until the worker runs
 * its new share. Values before the first completed round follow Apache: no rounds, epoch 0, average
 * and maximum time NaN, time since the last round +Inf; a standalone worker, which never joins a
 * group, keeps those values and has no leader series.
 */
public final class RebalanceMetrics implements RebalanceListener {
  private static final String PREFIX = "kafka.connect.worker.rebalance.";

  private final LongSupplier clock;
  private final MultiGauge leader;
  // Guarded by this; written by the membership thread, read by scrapes.
  private long completed;
  private long totalMillis;
  private long maxMillis;
  private long startedAtMs = -1;
  private long lastCompletedAtMs = -1;
  private int epoch;

  RebalanceMetrics(MeterRegistry registry, LongSupplier clock) {
    this.clock = clock;
    FunctionCounter.builder(PREFIX + "completed.rebalances", this, RebalanceMetrics::completed)
        .description("Rebalances completed by this worker")
        .register(registry);
    gauge(
        registry,
        "rebalancing",
        "1 while this worker is rebalancing",
        RebalanceMetrics::rebalancing);
    gauge(
        registry,
        "epoch",
        "Generation of this worker's current assignment",
        RebalanceMetrics::epoch);
    gauge(
        registry,
        "rebalance.avg.time.ms",
        "Average time this worker spent rebalancing",
        RebalanceMetrics::averageMillis);
    gauge(
        registry,
        "rebalance.max.time.ms",
        "Longest time this worker spent rebalancing",
        RebalanceMetrics::maximumMillis);
    gauge(
        registry,
        "time.since.last.rebalance.ms",
        "Time since this worker completed its latest rebalance",
        RebalanceMetrics::sinceLastMillis);
    leader =
        MultiGauge.builder(PREFIX + "leader.name")
            .description("1, labelled with the REST URL of the group leader")
            .register(registry);
  }

  @Override
  public synchronized void onRebalanceStarted() {
    // A join retried within one round keeps the round's start.
    if (startedAtMs < 0) {
      startedAtMs = clock.getAsLong();
    }
  }

  @Override
  public void onRebalanceCompleted(int generation, String leaderUrl) {
    synchronized (this) {
      long now = clock.getAsLong();
      long took = startedAtMs < 0 ? 0 : Math.max(0, now - startedAtMs);
      completed++;
      totalMillis += took;
      maxMillis = Math.max(maxMillis, took);
      startedAtMs = -1;
      lastCompletedAtMs = now;
      epoch = generation;
    }
    List<MultiGauge.Row<?>> rows =
        leaderUrl == null ? List.of() : List.of(MultiGauge.Row.of(Tags.of("leader", leaderUrl), 1));
    leader.register(rows, true);
  }

  private synchronized double completed() {
    return completed;
  }

  private synchronized double rebalancing() {
    return startedAtMs < 0 ? 0 : 1;
  }

  private synchronized double epoch() {
    return epoch;
  }

  private synchronized double averageMillis() {
    return completed == 0 ? Double.NaN : (double) totalMillis / completed;
  }

  private synchronized double maximumMillis() {
    return completed == 0 ? Double.NaN : maxMillis;
  }

  private synchronized double sinceLastMillis() {
    return lastCompletedAtMs < 0
        ? Double.POSITIVE_INFINITY
        : Math.max(0, clock.getAsLong() - lastCompletedAtMs);
  }

  private void gauge(
      MeterRegistry registry,
      String name,
      String description,
      ToDoubleFunction<RebalanceMetrics> value) {
    Gauge.builder(PREFIX + name, this, value)
        .description(description)
        .strongReference(true)
        .register(registry);
  }
}
