package dev.wharf.bench;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Concurrent HTTP clients, each a thread with its own keep-alive {@link Http11Connection}, sending
 * numbered requests ("tickets") as fast as the answers come back, timing every one of them. For
 * many connections see {@link EventLoopLoad}.
 */
final class HttpLoad {
  /** Requests per second and latency percentiles of one run. */
  record Measured(double perSecond, double p50Ms, double p99Ms) {}

  /** One request, by its ticket number; fails when the answer is wrong. */
  interface Call {
    void send(Http11Connection connection, int ticket) throws IOException;
  }

  private HttpLoad() {}

  /** {@code count} tickets shared by {@code clients} clients, each as fast as answers come. */
  static Measured closedLoop(URI server, int clients, int count, Call call) throws Exception {
    long[] latencies = new long[count];
    AtomicInteger nextTicket = new AtomicInteger();
    long elapsed =
        run(
            server,
            clients,
            (connection, client, startAt) -> {
              for (int ticket = nextTicket.getAndIncrement();
                  ticket < count;
                  ticket = nextTicket.getAndIncrement()) {
                long start = System.nanoTime();
                call.send(connection, ticket);
                latencies[ticket] = System.nanoTime() - start;
              }
            });
    return measured(latencies, elapsed);
  }

  /** What one client does between the start signal and its end. */
  private interface Client {
    void run(Http11Connection connection, int client, long startAt) throws Exception;
  }

  /**
   * Connects every client, starts them together and returns the nanoseconds until the last ends.
   */
  private static long run(URI server, int clients, Client body) throws Exception {
    AtomicReference<Exception> failure = new AtomicReference<>();
    CountDownLatch connected = new CountDownLatch(clients);
    CountDownLatch go = new CountDownLatch(1);
    long[] startAt = new long[1];
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      Thread thread =
          new Thread(
              () -> {
                try (Http11Connection connection = new Http11Connection(server)) {
                  connected.countDown();
                  go.await();
                  long wait = startAt[0] - System.nanoTime();
                  if (wait > 0) {
                    LockSupport.parkNanos(wait);
                  }
                  body.run(connection, client, startAt[0]);
                } catch (Exception e) {
                  failure.compareAndSet(null, e);
                  connected.countDown();
                }
              },
              "bench-client-" + c);
      thread.start();
      threads.add(thread);
    }
    connected.await();
    // A moment's head start, so that every client is awake when the clock starts.
    startAt[0] = System.nanoTime() + 10_000_000L;
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a client of " + server + " failed", failure.get());
    }
    return System.nanoTime() - startAt[0];
  }

  /** The rate and percentiles of {@code latencies} (nanoseconds; sorted in place). */
  static Measured measured(long[] latencies, long elapsedNanos) {
    Arrays.sort(latencies);
    return new Measured(
        latencies.length / (elapsedNanos / 1e9),
        percentile(latencies, 0.50) / 1e6,
        percentile(latencies, 0.99) / 1e6);
  }

  private static long percentile(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }
}
