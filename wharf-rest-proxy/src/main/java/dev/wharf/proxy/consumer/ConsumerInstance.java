package dev.wharf.proxy.consumer;

import dev.wharf.core.http.HttpError;
import dev.wharf.proxy.format.EmbeddedFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer instance of the v2 API: a {@link KafkaConsumer} confined to its own thread. Every
 * operation on it is a task queued to that thread, so requests for one instance run one at a time
 * in arrival order while other instances and the HTTP threads carry on. Each call counts as use for
 * the idle expiry.
 */
final class ConsumerInstance {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumerInstance.class);

  static final int MAX_QUEUED = 64;

  private final InstanceId id;
  private final EmbeddedFormat format;
  private final long requestTimeoutMs;
  private final long responseMinBytes;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final ExecutorService thread;
  private final AtomicInteger queued = new AtomicInteger();
  private volatile long lastUsedNanos = System.nanoTime();

  ConsumerInstance(
      InstanceId id,
      EmbeddedFormat format,
      long requestTimeoutMs,
      long responseMinBytes,
      KafkaConsumer<byte[], byte[]> consumer) {
    this.id = id;
    this.format = format;
    this.requestTimeoutMs = requestTimeoutMs;
    this.responseMinBytes = responseMinBytes;
    this.consumer = consumer;
    this.thread =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread t = new Thread(runnable, "wharf-proxy-consumer-" + id);
              t.setDaemon(true);
              return t;
            });
  }

  InstanceId id() {
    return id;
  }

  EmbeddedFormat format() {
    return format;
  }

  long requestTimeoutMs() {
    return requestTimeoutMs;
  }

  long responseMinBytes() {
    return responseMinBytes;
  }

  long lastUsedNanos() {
    return lastUsedNanos;
  }

  /**
   * Runs {@code action} on the instance's thread. A consumer in the wrong state for the action (a
   * subscribe after an assign, a seek on a partition it does not own) fails with 409/40903.
   */
  <T> CompletableFuture<T> call(Function<KafkaConsumer<byte[], byte[]>, T> action) {
    lastUsedNanos = System.nanoTime();
    // A client flooding one instance gets 429s rather than building a backlog; closing is not
    // counted, so an instance can always be closed.
    if (queued.incrementAndGet() > MAX_QUEUED) {
      queued.decrementAndGet();
      return CompletableFuture.failedFuture(
          new HttpError(
              429,
              "Too many requests queued for consumer instance "
                  + id
                  + " (at most "
                  + MAX_QUEUED
                  + "); wait for earlier ones to finish"));
    }
    try {
      return CompletableFuture.supplyAsync(
          () -> {
            queued.decrementAndGet();
            try {
              return action.apply(consumer);
            } catch (IllegalStateException e) {
              throw new HttpError(
                  409,
                  40903,
                  "Illegal state: " + e.getMessage() + " (consumer instance " + id + ")");
            }
          },
          thread);
    } catch (RejectedExecutionException e) {
      queued.decrementAndGet();
      return CompletableFuture.failedFuture(id.notFound());
    }
  }

  /** Closes the consumer after the tasks already queued, leaving its group. */
  void close() {
    try {
      thread.execute(
          () -> {
            try {
              consumer.close();
            } catch (InterruptException | WakeupException e) {
              LOG.debug("consumer instance {} interrupted while closing", id, e);
            }
          });
    } catch (RejectedExecutionException e) {
      return;
    }
    thread.shutdown();
  }

  /** Waits until {@link #close()} has finished closing the consumer, or the time is up. */
  void awaitClosed(long timeoutMs) {
    try {
      thread.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
