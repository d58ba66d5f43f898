package dev.wharf.connect.rest;

import dev.wharf.connect.cluster.PeerReads;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * Log streams ({@code follow=true}) that come from other workers of the cluster: a task's stream is
 * passed through from the worker that runs it byte for byte; a connector's stream takes the events
 * of each worker involved and sends them to the client beside this worker's own lines. Each relayed
 * stream ends when either side does (a client that left is noticed at the next event or keep-alive
 * comment of the other worker, at most 15 s later).
 */
final class LogRelay implements AutoCloseable {
  private final Set<InputStream> open = ConcurrentHashMap.newKeySet();
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "connector-log-relay");
            t.setDaemon(true);
            return t;
          });

  /**
   * Answers {@code ctx} with the stream of {@code pathAndQuery} at worker {@code url}; false (and
   * nothing sent) when that worker cannot be reached.
   */
  boolean proxy(Context ctx, PeerReads peers, String url, String pathAndQuery) throws IOException {
    HttpResponse<InputStream> upstream;
    try {
      upstream = peers.open(url, pathAndQuery);
    } catch (IOException e) {
      return false;
    }
    InputStream body = upstream.body();
    if (upstream.statusCode() != 200) {
      try (body) {
        ctx.status(upstream.statusCode());
        upstream.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
        ctx.result(body.readAllBytes());
      }
      return true;
    }
    ObservabilityRoutes.startEventStream(ctx);
    open.add(body);
    ctx.async(
        config -> config.timeout = 0,
        () -> {
          try (body) {
            copy(body, ctx.res().getOutputStream());
          } catch (IOException e) {
            // One side went away: the stream ends.
          } finally {
            open.remove(body);
          }
        });
    return true;
  }

  private static void copy(InputStream from, OutputStream to) throws IOException {
    byte[] buffer = new byte[8192];
    int read;
    while ((read = from.read(buffer)) >= 0) {
      to.write(buffer, 0, read);
      to.flush();
    }
  }

  /**
   * Sends the events of the stream {@code pathAndQuery} at worker {@code url} to {@code client} on
   * a thread of its own, skipping those whose data {@code skip} accepts (lines the client already
   * got), until the client leaves or that worker ends the stream.
   */
  void relay(
      SseClient client, PeerReads peers, String url, String pathAndQuery, Predicate<String> skip) {
    threads.execute(
        () -> {
          HttpResponse<InputStream> upstream;
          try {
            upstream = peers.open(url, pathAndQuery);
          } catch (IOException e) {
            comment(client, "worker " + PeerReads.workerId(url) + " does not answer");
            return;
          }
          InputStream body = upstream.body();
          open.add(body);
          try (BufferedReader reader =
              new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            if (upstream.statusCode() == 200) {
              forward(reader, client, skip);
            }
          } catch (IOException | RuntimeException e) {
            // The other worker or the client went away: this part of the stream ends.
          } finally {
            open.remove(body);
          }
          comment(client, "worker " + PeerReads.workerId(url) + " ended its stream");
        });
  }

  private static void forward(BufferedReader reader, SseClient client, Predicate<String> skip)
      throws IOException {
    String id = null;
    StringBuilder data = null;
    String line;
    while (!client.terminated() && (line = reader.readLine()) != null) {
      if (line.isEmpty()) {
        if (data != null && !skip.test(data.toString())) {
          synchronized (client) {
            client.sendEvent("message", data.toString(), id);
          }
        }
        id = null;
        data = null;
      } else if (line.startsWith("data:")) {
        String value = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      } else if (line.startsWith("id:")) {
        id = line.substring(3).trim();
      }
    }
  }

  private static void comment(SseClient client, String text) {
    try {
      synchronized (client) {
        if (!client.terminated()) {
          client.sendComment(text);
        }
      }
    } catch (RuntimeException e) {
      // The client is gone.
    }
  }

  @Override
  public void close() {
    threads.shutdownNow();
    for (InputStream body : open) {
      try {
        body.close();
      } catch (IOException e) {
        // Closing only releases the connection.
      }
    }
    open.clear();
  }
}
