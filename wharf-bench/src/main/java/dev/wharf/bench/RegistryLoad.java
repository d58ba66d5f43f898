package dev.wharf.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The HTTP side of the Schema Registry benchmark: concurrent clients, each on its own keep-alive
 * connection, registering distinct schemas or looking schemas up by id, as fast as the answers come
 * back.
 */
final class RegistryLoad {
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  /** What one phase measured: requests per second and latency percentiles. */
  record Measured(double perSecond, double p50Ms, double p99Ms) {}

  /** One request of a phase, by its ticket number. */
  interface Call {
    /** Sends request {@code ticket} on {@code connection}; fails when the answer is wrong. */
    void send(Http11Connection connection, int ticket) throws IOException;
  }

  private final URI registry;

  RegistryLoad(URI registry) {
    this.registry = registry;
  }

  /**
   * Registers {@code count} distinct Avro record schemas, each under its own subject {@code
   * <prefix>-<n>-value}, from {@code clients} connections; returns their ids in ticket order.
   */
  int[] register(String prefix, int clients, int count, Measured[] measured) throws Exception {
    int[] ids = new int[count];
    measured[0] =
        run(
            clients,
            count,
            (connection, ticket) -> {
              String schema =
                  "{\"type\":\"record\",\"name\":\"R"
                      + ticket
                      + "\",\"namespace\":\"bench."
                      + prefix
                      + "\",\"fields\":[{\"name\":\"f"
                      + ticket
                      + "\",\"type\":\"long\"},{\"name\":\"label\",\"type\":\"string\"}]}";
              String body = "{\"schema\":" + quote(schema) + "}";
              Http11Connection.Response response =
                  connection.exchange(
                      "POST",
                      "/subjects/" + prefix + "-" + ticket + "-value/versions",
                      CONTENT_TYPE,
                      CONTENT_TYPE,
                      body.getBytes(StandardCharsets.UTF_8));
              String text = response.text();
              int at = text.indexOf("\"id\":");
              if (response.status() != 200 || at < 0) {
                throw new IOException("register answered " + response.status() + ": " + text);
              }
              int end = at + 5;
              while (end < text.length() && Character.isDigit(text.charAt(end))) {
                end++;
              }
              ids[ticket] = Integer.parseInt(text.substring(at + 5, end));
            });
    return ids;
  }

  /** {@code count} lookups {@code GET /schemas/ids/{id}} cycling through {@code ids}. */
  Measured lookup(int clients, int count, int[] ids) throws Exception {
    return run(
        clients,
        count,
        (connection, ticket) -> {
          int id = ids[ticket % ids.length];
          Http11Connection.Response response =
              connection.exchange("GET", "/schemas/ids/" + id, null, CONTENT_TYPE, null);
          if (response.status() != 200 || response.body().length < 20) {
            throw new IOException(
                "lookup of id " + id + " answered " + response.status() + ": " + response.text());
          }
        });
  }

  /**
   * Lookups at a fixed offered rate: {@code clients} connections together send {@code perSecond}
   * requests per second for {@code seconds}, each client on its own schedule (staggered so the
   * sends spread evenly). A latency runs from the moment the schedule said to send, not from the
   * moment the request went out, so a stall delays every request queued behind it in the figures
   * too (no coordinated omission). Returns the rate achieved and the latency percentiles.
   */
  Measured lookupAtRate(int clients, double perSecond, int seconds, int[] ids) throws Exception {
    long interval = (long) (clients * 1e9 / perSecond);
    int perClient = (int) (perSecond * seconds / clients);
    long[] latencies = new long[perClient * clients];
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
                try (Http11Connection connection = new Http11Connection(registry)) {
                  connected.countDown();
                  go.await();
                  long next = startAt[0] + interval * client / clients;
                  for (int n = 0; n < perClient && failure.get() == null; n++) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                      LockSupport.parkNanos(wait);
                    }
                    int ticket = n * clients + client;
                    int id = ids[ticket % ids.length];
                    Http11Connection.Response response =
                        connection.exchange("GET", "/schemas/ids/" + id, null, CONTENT_TYPE, null);
                    if (response.status() != 200) {
                      throw new IOException(
                          "lookup of id " + id + " answered " + response.status());
                    }
                    latencies[ticket] = System.nanoTime() - next;
                    next += interval;
                  }
                } catch (Exception e) {
                  failure.compareAndSet(null, e);
                  connected.countDown();
                }
              },
              "registry-paced-client-" + c);
      thread.start();
      threads.add(thread);
    }
    connected.await();
    startAt[0] = System.nanoTime() + 10_000_000L;
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    long elapsed = System.nanoTime() - startAt[0];
    if (failure.get() != null) {
      throw new IllegalStateException("a registry client failed", failure.get());
    }
    Arrays.sort(latencies);
    return new Measured(
        latencies.length / (elapsed / 1e9),
        percentile(latencies, 0.50) / 1e6,
        percentile(latencies, 0.99) / 1e6);
  }

  private Measured run(int clients, int count, Call call) throws Exception {
    long[] latencies = new long[count];
    AtomicInteger nextTicket = new AtomicInteger();
    AtomicReference<Exception> failure = new AtomicReference<>();
    CountDownLatch connected = new CountDownLatch(clients);
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Thread thread =
          new Thread(
              () -> {
                try (Http11Connection connection = new Http11Connection(registry)) {
                  connected.countDown();
                  go.await();
                  for (int ticket = nextTicket.getAndIncrement();
                      ticket < count && failure.get() == null;
                      ticket = nextTicket.getAndIncrement()) {
                    long start = System.nanoTime();
                    call.send(connection, ticket);
                    latencies[ticket] = System.nanoTime() - start;
                  }
                } catch (Exception e) {
                  failure.compareAndSet(null, e);
                  connected.countDown();
                }
              },
              "registry-client-" + c);
      thread.start();
      threads.add(thread);
    }
    connected.await();
    long start = System.nanoTime();
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    long elapsed = System.nanoTime() - start;
    if (failure.get() != null) {
      throw new IllegalStateException("a registry client failed", failure.get());
    }
    Arrays.sort(latencies);
    return new Measured(
        count / (elapsed / 1e9),
        percentile(latencies, 0.50) / 1e6,
        percentile(latencies, 0.99) / 1e6);
  }

  private static long percentile(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  /** {@code text} as a JSON string literal (it holds quotes, nothing needing other escapes). */
  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
