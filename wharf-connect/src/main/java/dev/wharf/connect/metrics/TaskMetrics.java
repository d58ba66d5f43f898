package dev.wharf.connect.metrics;

import dev.wharf.connect.storage.TaskId;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.TopicPartition;

/**
 * The counters one task's runner bumps as it works, named after Apache's source-task, sink-task,
 * connector-task and task-error metric groups. Each call is a plain {@link LongAdder} increment (or
 * nothing at all when metrics are disabled); rates, averages and percentages are computed when
 * someone reads them.
 *
 * <p>"In" counts records entering Wharf (polled from a source task, read from Kafka by a sink
 * task); "out" counts records leaving it (written to Kafka by a source task, put to a sink task).
 */
public final class TaskMetrics {
  /** Whether the task reads from a source system or writes to one. */
  public enum Kind {
    SOURCE,
    SINK
  }

  private static final TaskMetrics DISABLED =
      new TaskMetrics(new TaskId("disabled", 0), Kind.SOURCE, false, 0);

  private final TaskId id;
  private final Kind kind;
  private final boolean enabled;
  final LongAdder recordsIn = new LongAdder();
  final LongAdder recordsOut = new LongAdder();
  final LongAdder putBatches = new LongAdder();
  final LongAdder putNanos = new LongAdder();
  final AtomicLong putMaxNanos = new AtomicLong();
  final LongAdder commitSuccesses = new LongAdder();
  final LongAdder commitFailures = new LongAdder();
  final LongAdder deadLetterRequests = new LongAdder();
  final LongAdder deadLetterFailures = new LongAdder();
  final LongAdder pollBatches = new LongAdder();
  final LongAdder pollNanos = new LongAdder();
  final AtomicLong pollMaxNanos = new AtomicLong();
  final LongAdder recordFailures = new LongAdder();
  final LongAdder recordErrors = new LongAdder();
  final LongAdder recordsSkipped = new LongAdder();
  final LongAdder retries = new LongAdder();
  final LongAdder errorsLogged = new LongAdder();
  final AtomicLong lastErrorMillis = new AtomicLong();
  final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();
  final Rate inRate;
  final Rate outRate;

  TaskMetrics(TaskId id, Kind kind, boolean enabled, long nowMillis) {
    this.id = id;
    this.kind = kind;
    this.enabled = enabled;
    this.inRate = new Rate(recordsIn::sum, nowMillis);
    this.outRate = new Rate(recordsOut::sum, nowMillis);
  }

  /** Counters that count nothing: for runners built without a metrics registry. */
  public static TaskMetrics disabled() {
    return DISABLED;
  }

  public TaskId id() {
    return id;
  }

  public Kind kind() {
    return kind;
  }

  /** A source task's poll() returned {@code count} records after {@code nanos}. */
  public void recordsPolled(int count, long nanos) {
    if (enabled) {
      recordsIn.add(count);
      pollBatches.increment();
      pollNanos.add(nanos);
      pollMaxNanos.accumulateAndGet(nanos, Math::max);
    }
  }

  /** Kafka acknowledged one record a source task produced. */
  public void recordWritten() {
    if (enabled) {
      recordsOut.increment();
    }
  }

  /** A sink task's consumer returned {@code count} records. */
  public void recordsRead(int count) {
    if (enabled) {
      recordsIn.add(count);
    }
  }

  /** put() took {@code nanos} for a batch of {@code count} records. */
  public void recordsPut(int count, long nanos) {
    if (enabled) {
      recordsOut.add(count);
      putBatches.increment();
      putNanos.add(nanos);
      putMaxNanos.accumulateAndGet(nanos, Math::max);
    }
  }

  /** An offset commit (source offsets written, or sink offsets committed) ended. */
  public void offsetCommit(boolean succeeded) {
    if (enabled) {
      (succeeded ? commitSuccesses : commitFailures).increment();
    }
  }

  /** A record was sent to the dead letter queue. */
  public void deadLetterRequest() {
    if (enabled) {
      deadLetterRequests.increment();
    }
  }

  /** Kafka refused a record sent to the dead letter queue. */
  public void deadLetterFailure() {
    if (enabled) {
      deadLetterFailures.increment();
    }
  }

  /** One attempt of a processing step failed (Apache's {@code total-record-failures}). */
  public void recordFailure() {
    if (enabled) {
      recordFailures.increment();
    }
  }

  /**
   * A record's processing ended in failure at {@code nowMillis}, tolerated or not (Apache's {@code
   * total-record-errors} and {@code last-error-timestamp}).
   */
  public void recordError(long nowMillis) {
    if (enabled) {
      recordErrors.increment();
      lastErrorMillis.accumulateAndGet(nowMillis, Math::max);
    }
  }

  /** A failed record was skipped under {@code errors.tolerance=all}. */
  public void recordSkipped() {
    if (enabled) {
      recordsSkipped.increment();
    }
  }

  /** A failed step was retried after its backoff. */
  public void retry() {
    if (enabled) {
      retries.increment();
    }
  }

  /** A failed record was written to the log ({@code errors.log.enable}). */
  public void errorLogged() {
    if (enabled) {
      errorsLogged.increment();
    }
  }

  /** The consumer lag of a partition the sink task owns, after its latest poll. */
  public void lag(TopicPartition partition, long records) {
    if (enabled) {
      lag.put(partition, records);
    }
  }

  /** The task no longer owns these partitions. */
  public void partitionsRevoked(Collection<TopicPartition> partitions) {
    if (enabled) {
      partitions.forEach(lag::remove);
    }
  }

  public long recordsInTotal() {
    return recordsIn.sum();
  }

  public long recordsOutTotal() {
    return recordsOut.sum();
  }

  /** Records in per second over the last 30 s (or since the task started, if later). */
  public double recordsInPerSecond() {
    return inRate.perSecond(System.currentTimeMillis());
  }

  /** Records out per second over the last 30 s (or since the task started, if later). */
  public double recordsOutPerSecond() {
    return outRate.perSecond(System.currentTimeMillis());
  }

  /** The sum of the lag of the task's partitions: null for a source task. */
  public Long totalLag() {
    if (kind == Kind.SOURCE) {
      return null;
    }
    long sum = 0;
    for (long value : lag.values()) {
      sum += value;
    }
    return sum;
  }

  /**
   * The task-error figures under Apache's names with underscores: {@code total_record_errors},
   * {@code total_record_failures}, {@code total_records_skipped}, {@code total_retries}, {@code
   * total_errors_logged}, {@code deadletterqueue_produce_requests}, {@code
   * deadletterqueue_produce_failures}, {@code last_error_timestamp} (epoch ms, 0 when none).
   */
  public Map<String, Long> errorFigures() {
    Map<String, Long> figures = new java.util.LinkedHashMap<>();
    figures.put("total_record_errors", recordErrors.sum());
    figures.put("total_record_failures", recordFailures.sum());
    figures.put("total_records_skipped", recordsSkipped.sum());
    figures.put("total_retries", retries.sum());
    figures.put("total_errors_logged", errorsLogged.sum());
    figures.put("deadletterqueue_produce_requests", deadLetterRequests.sum());
    figures.put("deadletterqueue_produce_failures", deadLetterFailures.sum());
    figures.put("last_error_timestamp", lastErrorMillis.get());
    return figures;
  }

  /** Average and maximum time of a batch: poll() for a source task, put() for a sink task. */
  public double batchAverageMillis() {
    return kind == Kind.SOURCE ? pollAverageMillis() : putAverageMillis();
  }

  public double batchMaxMillis() {
    return (kind == Kind.SOURCE ? pollMaxNanos.get() : putMaxNanos.get()) / 1e6;
  }

  double pollAverageMillis() {
    long batches = pollBatches.sum();
    return batches == 0 ? 0.0 : pollNanos.sum() / 1e6 / batches;
  }

  double putAverageMillis() {
    long batches = putBatches.sum();
    return batches == 0 ? 0.0 : putNanos.sum() / 1e6 / batches;
  }

  double commitPercentage(boolean success) {
    long ok = commitSuccesses.sum();
    long failed = commitFailures.sum();
    long all = ok + failed;
    return all == 0 ? 0.0 : 100.0 * (success ? ok : failed) / all;
  }
}
