package dev.wharf.connect.rest;

import dev.wharf.connect.logs.LogBuffer;
import dev.wharf.connect.logs.LogLine;
import dev.wharf.connect.logs.LogQuery;
import io.javalin.http.sse.SseClient;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The clients of {@code GET .../logs?follow=true}: one thread checks each follower's buffer a few
 * times a second and sends the lines it has not seen as Server-Sent Events. Logging threads never
 * write to a socket, and a slow client only falls behind (losing the lines the bounded buffer has
 * dropped meanwhile), never slows a task down. A comment every 15 s keeps idle streams open.
 */
final class LogFollowers implements AutoCloseable {
  private static final long POLL_MS = 200;
  private static final long KEEP_ALIVE_MS = 15_000;

  private final Set<Follower> followers = ConcurrentHashMap.newKeySet();
  private final Function<LogLine, String> json;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "connector-log-followers");
            t.setDaemon(true);
            return t;
          });

  LogFollowers(Function<LogLine, String> json) {
    this.json = json;
    thread.scheduleWithFixedDelay(this::deliver, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
  }

  /** Sends the tail, then keeps {@code client} open and fed with new lines until it leaves. */
  void follow(SseClient client, LogBuffer buffer, LogQuery query) {
    client.keepAlive();
    LogBuffer.Tail tail = buffer.tail(query);
    for (LogLine line : tail.lines()) {
      send(client, line);
    }
    continueAfter(client, buffer, query, tail.lastSequence());
  }

  /**
   * Feeds {@code client}, already kept open, with the lines appended to {@code buffer} after the
   * line numbered {@code lastSequence}, until it leaves.
   */
  void continueAfter(SseClient client, LogBuffer buffer, LogQuery query, long lastSequence) {
    Follower follower = new Follower(client, buffer, query, lastSequence);
    client.onClose(() -> followers.remove(follower));
    followers.add(follower);
  }

  private void deliver() {
    long now = System.currentTimeMillis();
    for (Follower follower : followers) {
      try {
        if (follower.client.terminated()) {
          followers.remove(follower);
          continue;
        }
        // Lines the query filters out count as seen too, up to the newest one read before.
        long seen = follower.buffer.lastSequence();
        List<LogLine> lines = follower.buffer.after(follower.lastSequence, follower.query);
        for (LogLine line : lines) {
          send(follower.client, line);
          seen = Math.max(seen, line.sequence());
        }
        follower.lastSequence = seen;
        if (!lines.isEmpty()) {
          follower.lastSent = now;
        } else if (now - follower.lastSent >= KEEP_ALIVE_MS) {
          synchronized (follower.client) {
            follower.client.sendComment("keep-alive");
          }
          follower.lastSent = now;
        }
      } catch (RuntimeException e) {
        // The client went away mid-write; Javalin ends the response on its own.
        followers.remove(follower);
      }
    }
  }

  /** Writes one event; other workers' relayed events go to the same client, one at a time. */
  private void send(SseClient client, LogLine line) {
    String data = json.apply(line);
    synchronized (client) {
      client.sendEvent("message", data, Long.toString(line.sequence()));
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    for (Follower follower : followers) {
      if (!follower.client.terminated()) {
        follower.client.close();
      }
    }
    followers.clear();
  }

  private static final class Follower {
    final SseClient client;
    final LogBuffer buffer;
    final LogQuery query;
    volatile long lastSequence;
    volatile long lastSent = System.currentTimeMillis();

    Follower(SseClient client, LogBuffer buffer, LogQuery query, long lastSequence) {
      this.client = client;
      this.buffer = buffer;
      this.query = query;
      this.lastSequence = lastSequence;
    }
  }
}
