package dev.wharf.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few HTTP calls a benchmark makes to the services it starts. */
final class RestCalls {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private RestCalls() {}

  static int status(String method, URI uri, String json) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
      request.header("Content-Type", "application/json");
      request.method(
          method,
          json == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(json));
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Waits until {@code GET uri} answers 200; returns the time (nanoTime) it did. */
  static long awaitOk(URI uri, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (status("GET", uri, null) == 200) {
        return System.nanoTime();
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(uri + " did not answer within " + timeout);
  }

  static void require(int expected, String method, URI uri, String json) {
    int status = status(method, uri, json);
    if (status != expected) {
      throw new IllegalStateException(
          method + " " + uri + " answered " + status + ", not " + expected);
    }
  }
}
