package dev.wharf.connect.worker;

import dev.wharf.connect.metrics.TaskMetrics;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one step of record processing under the connector's {@code errors.*} settings: retries
 * {@link RetriableException}s with exponential backoff until {@code errors.retry.timeout}, then
 * either fails the task ({@code errors.tolerance=none}) or skips the record, logging it and sending
 * it to the dead letter queue ({@code errors.tolerance=all}).
 */
public final class ErrorHandler {
  private static final Logger log = LoggerFactory.getLogger(ErrorHandler.class);
  private static final long INITIAL_DELAY_MS = 300;

  /** Where in the pipeline a step runs; the names are Apache's, used in DLQ headers. */
  public enum Stage {
    TASK_POLL,
    TASK_PUT,
    TRANSFORMATION,
    KEY_CONVERTER,
    VALUE_CONVERTER,
    HEADER_CONVERTER,
    KAFKA_PRODUCE,
    KAFKA_CONSUME
  }

  /** Receives every record that was skipped under {@code errors.tolerance=all}. */
  @FunctionalInterface
  public interface Reporter {
    void report(ProcessingContext context, Stage stage, Class<?> executing, Throwable error);
  }

  private final ErrorSettings settings;
  private final String taskName;
  private final Reporter reporter;
  private volatile long failedRecords;
  private volatile TaskMetrics metrics = TaskMetrics.disabled();

  public ErrorHandler(ErrorSettings settings, String taskName, Reporter reporter) {
    this.settings = settings;
    this.taskName = taskName;
    this.reporter = reporter;
  }

  /** Fails on the first error, as a connector without {@code errors.*} settings does. */
  public static ErrorHandler failFast(String taskName) {
    return new ErrorHandler(ErrorSettings.parse(Map.of()), taskName, null);
  }

  /** Counts failures, retries, skipped and logged records in the task's task-error metrics. */
  void countInto(TaskMetrics taskMetrics) {
    this.metrics = taskMetrics;
  }

  public boolean toleratesAll() {
    return settings.tolerateAll();
  }

  public long failedRecords() {
    return failedRecords;
  }

  /**
   * Runs {@code step}; answers its result, or {@code null} when it failed and the failure is
   * tolerated.
   *
   * @throws ConnectException when the failure is not tolerated
   */
  public <T> T execute(
      Stage stage, Class<?> executing, ProcessingContext context, Callable<T> step) {
    long deadline = -1; // read the clock only once something failed: this runs for every record
    long delay = INITIAL_DELAY_MS;
    while (true) {
      try {
        return step.call();
      } catch (RetriableException e) {
        metrics.recordFailure();
        long now = System.currentTimeMillis();
        if (deadline < 0) {
          deadline = now + settings.retryTimeoutMs();
        }
        long remaining = deadline - now;
        if (remaining <= 0) {
          return failed(stage, executing, context, e);
        }
        sleep(Math.min(Math.min(delay, settings.retryMaxDelayMs()), remaining));
        delay *= 2;
        metrics.retry();
      } catch (Exception e) {
        metrics.recordFailure();
        return failed(stage, executing, context, e);
      }
    }
  }

  /** Handles a failure that happened outside {@link #execute}, such as a failed produce. */
  public void handleFailure(
      Stage stage, Class<?> executing, ProcessingContext context, Throwable error) {
    metrics.recordFailure();
    failed(stage, executing, context, error);
  }

  private <T> T failed(
      Stage stage, Class<?> executing, ProcessingContext context, Throwable error) {
    failedRecords++;
    // As Apache counts: every record that ends in failure is an error, tolerated or not.
    metrics.recordError(System.currentTimeMillis());
    if (!settings.tolerateAll()) {
      throw new ConnectException("Tolerance exceeded in error handler", error);
    }
    if (settings.logEnabled()) {
      log.error(
          "{}: error in stage {} ({}) on {}{}",
          taskName,
          stage,
          executing.getName(),
          context.describe(),
          settings.logIncludeMessages() ? ": " + context : "",
          error);
      metrics.errorLogged();
    }
    if (reporter != null) {
      reporter.report(context, stage, executing, error);
    }
    metrics.recordSkipped();
    return null;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("interrupted while retrying", e);
    }
  }
}
