package dev.wharf.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Many keep-alive HTTP/1.1 connections driven by a few event-loop threads, the way load tools such
 * as wrk do it: each connection has at most one request in flight, and a thread waits on all of its
 * connections at once instead of one blocked thread per connection. On a machine whose cores the
 * server shares with its load generator, a thread per connection spends most of the cores on waking
 * and switching threads; this leaves them to the server.
 *
 * <p>Requests are whole byte arrays (one per ticket); a response must be 200 with a {@code
 * Content-Length} body and must keep the connection open, or the run fails. Two shapes, as in
 * {@link HttpLoad}: a closed loop (each connection sends its next request when an answer arrives)
 * and a paced one (the connections together offer a fixed rate, each on its own schedule,
 * staggered; a latency runs from the moment the schedule said to send, so a stall counts against
 * every request queued behind it).
 */
final class EventLoopLoad {
  private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private EventLoopLoad() {}

  /** {@code count} requests over {@code connections} connections, each as fast as answers come. */
  static HttpLoad.Measured closedLoop(
      URI server, int connections, int threads, int count, IntFunction<byte[]> request)
      throws Exception {
    long[] latencies = new long[count];
    AtomicInteger nextTicket = new AtomicInteger();
    long elapsed =
        run(
            server,
            connections,
            threads,
            latencies,
            request,
            (connection, now) -> {
              int ticket = nextTicket.getAndIncrement();
              return ticket < count ? new Send(ticket, now) : null;
            });
    return HttpLoad.measured(latencies, elapsed);
  }

  /** {@code connections} connections together offering {@code perSecond} for {@code seconds}. */
  static HttpLoad.Measured paced(
      URI server,
      int connections,
      int threads,
      double perSecond,
      int seconds,
      IntFunction<byte[]> request)
      throws Exception {
    long interval = (long) (connections * 1e9 / perSecond);
    int perConnection = (int) (perSecond * seconds / connections);
    long[] latencies = new long[perConnection * connections];
    long elapsed =
        run(
            server,
            connections,
            threads,
            latencies,
            request,
            (connection, now) -> {
              if (connection.sent == perConnection) {
                return null;
              }
              long due =
                  connection.startAt
                      + interval * connection.index / connections
                      + interval * connection.sent;
              return new Send(connection.sent * connections + connection.index, due);
            });
    return HttpLoad.measured(latencies, elapsed);
  }

  /** The next request of a connection: its ticket and when it is due (now, in a closed loop). */
  private record Send(int ticket, long dueNanos) {}

  /** Picks a connection's next request; null when it has no more. */
  private interface Schedule {
    Send next(Connection connection, long now);
  }

  /** One keep-alive connection and the request it has in flight. */
  private static final class Connection {
    final int index;
    final SocketChannel channel;
    final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    long startAt;
    int sent;
    Send pending;
    Send inFlight;
    boolean done;

    Connection(int index, SocketChannel channel) {
      this.index = index;
      this.channel = channel;
    }
  }

  private static long run(
      URI server,
      int connections,
      int threads,
      long[] latencies,
      IntFunction<byte[]> request,
      Schedule schedule)
      throws Exception {
    List<List<Connection>> perThread = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      perThread.add(new ArrayList<>());
    }
    InetSocketAddress address = new InetSocketAddress(server.getHost(), server.getPort());
    for (int c = 0; c < connections; c++) {
      SocketChannel channel = SocketChannel.open(address);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      channel.configureBlocking(false);
      perThread.get(c % threads).add(new Connection(c, channel));
    }
    AtomicReference<Exception> failure = new AtomicReference<>();
    long startAt = System.nanoTime() + 10_000_000L;
    List<Thread> loops = new ArrayList<>();
    for (List<Connection> own : perThread) {
      Thread loop =
          new Thread(
              () -> {
                try {
                  loop(own, startAt, latencies, request, schedule);
                } catch (Exception e) {
                  failure.compareAndSet(null, e);
                }
              },
              "bench-event-loop-" + loops.size());
      loop.start();
      loops.add(loop);
    }
    for (Thread loop : loops) {
      loop.join();
    }
    long elapsed = System.nanoTime() - startAt;
    for (List<Connection> own : perThread) {
      for (Connection connection : own) {
        connection.channel.close();
      }
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a connection to " + server + " failed", failure.get());
    }
    return elapsed;
  }

  private static void loop(
      List<Connection> own,
      long startAt,
      long[] latencies,
      IntFunction<byte[]> request,
      Schedule schedule)
      throws IOException {
    try (Selector selector = Selector.open()) {
      for (Connection connection : own) {
        connection.channel.register(selector, SelectionKey.OP_READ, connection);
        connection.startAt = startAt;
      }
      long wait = startAt - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      int active = own.size();
      while (active > 0) {
        long now = System.nanoTime();
        long earliest = Long.MAX_VALUE;
        for (Connection connection : own) {
          if (connection.done || connection.inFlight != null) {
            continue;
          }
          if (connection.pending == null) {
            connection.pending = schedule.next(connection, now);
            if (connection.pending == null) {
              connection.done = true;
              active--;
              continue;
            }
          }
          if (connection.pending.dueNanos() <= now) {
            send(connection, request);
          } else {
            earliest = Math.min(earliest, connection.pending.dueNanos());
          }
        }
        if (active == 0) {
          break;
        }
        if (earliest == Long.MAX_VALUE) {
          selector.select(1_000);
        } else {
          long gap = earliest - System.nanoTime();
          if (gap >= 1_000_000L) {
            selector.select(gap / 1_000_000L);
          } else if (selector.selectNow() == 0 && gap > 0) {
            // The selector waits in whole milliseconds; a shorter wait parks instead of spinning
            // (which would take a core from the server). An answer arriving meanwhile is read
            // at most this gap late.
            LockSupport.parkNanos(gap);
          }
        }
        for (SelectionKey key : selector.selectedKeys()) {
          Connection connection = (Connection) key.attachment();
          if (read(connection)) {
            Send answered = connection.inFlight;
            latencies[answered.ticket()] = System.nanoTime() - answered.dueNanos();
            connection.inFlight = null;
          }
        }
        selector.selectedKeys().clear();
      }
    }
  }

  private static void send(Connection connection, IntFunction<byte[]> request) throws IOException {
    Send send = connection.pending;
    connection.pending = null;
    connection.inFlight = send;
    connection.sent++;
    ByteBuffer out = ByteBuffer.wrap(request.apply(send.ticket()));
    while (out.hasRemaining()) {
      connection.channel.write(out);
    }
  }

  /** Reads what arrived; true once a whole response is in (and consumed from the buffer). */
  private static boolean read(Connection connection) throws IOException {
    ByteBuffer in = connection.in;
    int n = connection.channel.read(in);
    if (n < 0) {
      throw new IOException("the server closed the connection");
    }
    byte[] data = in.array();
    int filled = in.position();
    int headerEnd = indexOf(data, filled, HEADER_END);
    if (headerEnd < 0) {
      return false;
    }
    String head = new String(data, 0, headerEnd, StandardCharsets.ISO_8859_1);
    if (!head.startsWith("HTTP/1.1 200 ")) {
      throw new IOException("answered: " + head.lines().findFirst().orElse(head));
    }
    int length = contentLength(head);
    int total = headerEnd + HEADER_END.length + length;
    if (filled < total) {
      return false;
    }
    // Whatever follows belongs to no request: one request is in flight at a time.
    in.clear();
    return true;
  }

  private static int contentLength(String head) throws IOException {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        String name = line.substring(0, colon).trim();
        if (name.equalsIgnoreCase("connection")
            && line.substring(colon + 1).trim().equalsIgnoreCase("close")) {
          throw new IOException("the server closed the keep-alive connection");
        }
        if (name.equalsIgnoreCase("content-length")) {
          return Integer.parseInt(line.substring(colon + 1).trim());
        }
      }
    }
    throw new IOException("a response without Content-Length: " + head);
  }

  private static int indexOf(byte[] data, int limit, byte[] target) {
    outer:
    for (int i = 0; i + target.length <= limit; i++) {
      for (int j = 0; j < target.length; j++) {
        if (data[i + j] != target[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
