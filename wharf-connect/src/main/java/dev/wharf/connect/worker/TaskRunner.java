package dev.wharf.connect.worker;

import dev.wharf.connect.logs.LogContext;
import dev.wharf.connect.metrics.TaskMetrics;
import dev.wharf.connect.storage.StatusState;
import dev.wharf.connect.storage.TargetState;
import dev.wharf.connect.storage.TaskId;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one task on its own thread: start, then iterate until stopped, honouring the target
 * state (PAUSED idles without losing anything), and report each state change. A throwable from the
 * task ends the loop with FAILED and its trace; {@link #stop()} ends it cleanly.
 */
abstract class TaskRunner implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);
  private static final long PAUSED_TICK_MS = 1000;

  private final TaskId id;
  private final StatusListener status;
  private final ClassLoader loader;
  private final TaskMetrics metrics;
  private final Object lock = new Object();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile TargetState target;
  private volatile boolean stopping;
  private final java.util.Set<String> usedTopics =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  TaskRunner(
      TaskId id,
      StatusListener status,
      TargetState initial,
      ClassLoader loader,
      TaskMetrics metrics) {
    this.id = id;
    this.metrics = metrics;
    this.status = status;
    this.target = initial;
    this.loader = loader;
  }

  TaskId id() {
    return id;
  }

  TaskMetrics metrics() {
    return metrics;
  }

  /** Records the first use of each topic, for {@code GET /connectors/{name}/topics}. */
  void topicUsed(String topic) {
    if (usedTopics.add(topic)) {
      status.onTopicUsed(id, topic);
    }
  }

  boolean isStopping() {
    return stopping;
  }

  boolean isPaused() {
    return target == TargetState.PAUSED;
  }

  /** Calls the task's initialize() and start(); runs on the task thread. */
  abstract void initializeAndStart() throws Exception;

  /** One round of work while RUNNING; runs on the task thread. */
  abstract void iterate() throws Exception;

  /** Called about once a second while PAUSED, for housekeeping such as committing offsets. */
  abstract void onPausedTick() throws Exception;

  /** Called from the stopping thread to unblock the task (e.g. a blocking poll). */
  void signalStop() {}

  /** Stops the task and releases its resources; runs on the task thread, once. */
  abstract void stopAndCleanUp(boolean failed);

  @Override
  public final void run() {
    try (LogContext context = LogContext.forTask(id)) {
      runInContext();
    }
  }

  private void runInContext() {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    boolean failed = false;
    try {
      initializeAndStart();
      StatusState reported = null;
      while (!stopping) {
        StatusState now = isPaused() ? StatusState.PAUSED : StatusState.RUNNING;
        if (now != reported) {
          status.onTaskState(id, now, null);
          reported = now;
        }
        if (now == StatusState.PAUSED) {
          onPausedTick();
          awaitTargetChange();
        } else {
          iterate();
        }
      }
    } catch (Throwable e) {
      if (!(stopping && e instanceof InterruptedException)) {
        failed = true;
        log.error("{} failed", id, e);
        status.onTaskState(id, StatusState.FAILED, e);
      }
    } finally {
      try {
        stopAndCleanUp(failed);
      } catch (RuntimeException e) {
        log.error("{}: error while stopping", id, e);
      }
      if (!failed) {
        status.onTaskState(id, StatusState.UNASSIGNED, null);
      }
      thread.setContextClassLoader(previous);
      stopped.countDown();
    }
  }

  /** Changes the target state; the task thread picks it up at its next iteration. */
  void transitionTo(TargetState state) {
    target = state;
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  /** Asks the task to stop; returns at once. */
  void stop() {
    stopping = true;
    try (LogContext context = LogContext.forTask(id)) {
      signalStop();
    }
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  boolean awaitStopped(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void awaitTargetChange() throws InterruptedException {
    synchronized (lock) {
      if (isPaused() && !stopping) {
        lock.wait(PAUSED_TICK_MS);
      }
    }
  }
}
