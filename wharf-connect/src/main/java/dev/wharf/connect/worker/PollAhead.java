package dev.wharf.connect.worker;

import dev.wharf.connect.logs.LogContext;
import dev.wharf.connect.metrics.TaskMetrics;
import dev.wharf.connect.storage.TaskId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * A source task's {@code poll()} run one batch ahead on a thread of its own, so that the task reads
 * its next records (from a database, say) while the task thread converts and sends the previous
 * ones. At most one poll is in flight and {@code poll()} is only ever called from this thread, one
 * call after the other, as on Apache's runtime; what it throws is thrown again by {@link #take()}
 * on the task thread. Records polled ahead but not taken when the task stops are dropped: their
 * offsets were never committed, so they are polled again after a restart.
 */
final class PollAhead {
  private final TaskId id;
  private final SourceTask task;
  private final TaskMetrics metrics;
  private final ExecutorService thread;
  private Future<List<SourceRecord>> next;

  PollAhead(TaskId id, SourceTask task, ClassLoader loader, TaskMetrics metrics) {
    this.id = id;
    this.task = task;
    this.metrics = metrics;
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "task-poll-" + id);
              t.setDaemon(true);
              // The plugin's class loader, as on the task thread.
              t.setContextClassLoader(loader);
              return t;
            });
  }

  /** Starts the next poll unless one is in flight already. */
  void start() {
    if (next == null) {
      next = thread.submit(this::pollOnce);
    }
  }

  private List<SourceRecord> pollOnce() throws InterruptedException {
    try (LogContext context = LogContext.forTask(id)) {
      long start = System.nanoTime();
      List<SourceRecord> records = task.poll();
      if (records != null) {
        metrics.recordsPolled(records.size(), System.nanoTime() - start);
      }
      return records;
    }
  }

  /** The records of the poll in flight (started now if none is), once it returns. */
  List<SourceRecord> take() throws InterruptedException {
    start();
    Future<List<SourceRecord>> polling = next;
    next = null;
    try {
      return polling.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      if (cause instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      throw new ConnectException(cause);
    }
  }

  /**
   * Lets a poll in flight return (the task's {@code stop()} was called and wakes it) for up to
   * {@code timeout}, dropping its records, and ends the thread.
   */
  void close(Duration timeout) {
    Future<List<SourceRecord>> polling = next;
    next = null;
    if (polling != null) {
      try {
        polling.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // Stopping anyway: a failure of a poll whose records nobody takes changes nothing.
      }
    }
    thread.shutdownNow();
  }
}
