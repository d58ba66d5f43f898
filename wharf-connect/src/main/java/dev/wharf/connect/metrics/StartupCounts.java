package dev.wharf.connect.metrics;

import dev.wharf.connect.storage.StatusState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Apache's startup counts of one kind of work (connectors or tasks) in {@code
 * connect-worker-metrics}: {@code <kind>-startup-attempts-total}, {@code -success-total} and {@code
 * -failure-total}. A start the worker begins is pending until its first state: RUNNING, PAUSED or
 * STOPPED count as a success, FAILED as a failure, and a start stopped before either counts as
 * neither. As in Apache, an attempt is counted with its outcome, so attempts are always successes
 * plus failures.
 *
 * @param <K> what identifies one connector or task
 */
final class StartupCounts<K> {
  private final Set<K> pending = ConcurrentHashMap.newKeySet();
  private final LongAdder successes = new LongAdder();
  private final LongAdder failures = new LongAdder();

  /**
   * @param kind {@code connector} or {@code task}, as in Apache's metric names
   */
  StartupCounts(MeterRegistry registry, String prefix, String kind) {
    String name = prefix + "worker." + kind + ".startup.";
    FunctionCounter.builder(name + "attempts", this, c -> c.successes.sum() + c.failures.sum())
        .description(kind + " startups this worker has attempted")
        .register(registry);
    FunctionCounter.builder(name + "success", successes, LongAdder::doubleValue)
        .description(kind + " startups that succeeded")
        .register(registry);
    FunctionCounter.builder(name + "failure", failures, LongAdder::doubleValue)
        .description(kind + " startups that failed")
        .register(registry);
  }

  /** The worker begins starting {@code key}. */
  void starting(K key) {
    pending.add(key);
  }

  /** {@code key} reached {@code state}; settles a pending start. */
  void onState(K key, StatusState state) {
    switch (state) {
      case RUNNING, PAUSED, STOPPED -> {
        if (pending.remove(key)) {
          successes.increment();
        }
      }
      case FAILED -> {
        if (pending.remove(key)) {
          failures.increment();
        }
      }
      case UNASSIGNED -> pending.remove(key);
      case RESTARTING, DESTROYED -> {
        // Written by the herder to the status store, not states a start reaches.
      }
    }
  }
}
