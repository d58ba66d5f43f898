package dev.wharf.connect.cluster;

import dev.wharf.connect.storage.TaskId;
import dev.wharf.core.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Calls from one worker's REST layer or herder to another worker's REST API: forwarded client
 * requests, task configs and zombie-fencing requests sent to the leader, restarts sent to owners.
 * Requests this worker originates carry {@code forward=true}, so the receiver may forward them one
 * hop further. Internal requests are signed with the cluster's {@link SessionKeys} once {@link
 * #signWith} names them.
 */
public final class PeerClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final int ATTEMPTS = 10;
  private static final long RETRY_DELAY_MS = 1_000;

  private volatile SessionKeys sessionKeys;

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /** Signs internal requests with {@code keys} from now on, and checks them on receipt. */
  public void signWith(SessionKeys keys) {
    this.sessionKeys = keys;
  }

  /** The keys internal requests are signed with; empty until {@link #signWith} was called. */
  public java.util.Optional<SessionKeys> sessionKeys() {
    return java.util.Optional.ofNullable(sessionKeys);
  }

  /** Re-issues a request at another worker and returns its answer as it is. */
  public HttpResponse<byte[]> send(
      String baseUrl, String method, String pathAndQuery, byte[] body, String contentType) {
    return send(baseUrl, method, pathAndQuery, body, contentType, Map.of());
  }

  /**
   * Re-issues a request at another worker, with the given extra headers (such as a request
   * signature), and returns its answer as it is.
   */
  public HttpResponse<byte[]> send(
      String baseUrl,
      String method,
      String pathAndQuery,
      byte[] body,
      String contentType,
      Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(strip(baseUrl) + pathAndQuery))
            .timeout(TIMEOUT)
            .method(
                method,
                body == null || body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null && !contentType.isBlank()) {
      request.header("Content-Type", contentType);
    }
    headers.forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new ConnectException("Cannot reach worker " + baseUrl + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Interrupted while forwarding to " + baseUrl, e);
    }
  }

  CompletableFuture<Void> putTaskConfigs(
      String leaderUrl, String connector, List<Map<String, String>> configs) {
    byte[] body;
    try {
      body = Json.mapper().writeValueAsBytes(configs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return signedCall(
        leaderUrl,
        "POST",
        "/connectors/" + encode(connector) + "/tasks?forward=true",
        body,
        "task configs",
        ATTEMPTS);
  }

  /** Asks the leader for a zombie-fencing round of the connector (KIP-618), signed. */
  CompletableFuture<Void> fence(String leaderUrl, String connector) {
    return signedCall(
        leaderUrl,
        "PUT",
        "/connectors/" + encode(connector) + "/fence?forward=true",
        new byte[0],
        "zombie fencing",
        ATTEMPTS);
  }

  /**
   * A signed call, tried again a few times when refused for a reason that passes: a session key
   * this worker does not know yet or that was just replaced (400 or 403), or a rebalance (409).
   */
  private CompletableFuture<Void> signedCall(
      String baseUrl, String method, String path, byte[] body, String what, int attempts) {
    SessionKeys keys = sessionKeys;
    Map<String, String> signature = keys == null ? Map.of() : keys.sign(body);
    return call(baseUrl, method, path, body, what, signature)
        .exceptionallyCompose(
            error -> {
              Throwable cause =
                  error instanceof java.util.concurrent.CompletionException
                      ? error.getCause()
                      : error;
              if (attempts <= 1
                  || !(cause instanceof Refused refused)
                  || !List.of(400, 403, 409).contains(refused.status)) {
                return CompletableFuture.failedFuture(cause);
              }
              return CompletableFuture.supplyAsync(
                      () -> null,
                      CompletableFuture.delayedExecutor(RETRY_DELAY_MS, TimeUnit.MILLISECONDS))
                  .thenCompose(
                      ignored -> signedCall(baseUrl, method, path, body, what, attempts - 1));
            });
  }

  CompletableFuture<Void> restartConnector(String ownerUrl, String connector) {
    return call(
        ownerUrl,
        "POST",
        "/connectors/" + encode(connector) + "/restart?forward=true",
        null,
        "restart",
        Map.of());
  }

  CompletableFuture<Void> restartTask(String ownerUrl, TaskId task) {
    return call(
        ownerUrl,
        "POST",
        "/connectors/"
            + encode(task.connector())
            + "/tasks/"
            + task.task()
            + "/restart?forward=true",
        null,
        "restart",
        Map.of());
  }

  private CompletableFuture<Void> call(
      String baseUrl,
      String method,
      String path,
      byte[] body,
      String what,
      Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(strip(baseUrl) + path))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null || body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .thenApply(
            response -> {
              if (response.statusCode() >= 300) {
                throw new Refused(
                    response.statusCode(),
                    what
                        + " at "
                        + baseUrl
                        + " failed: "
                        + response.statusCode()
                        + " "
                        + response.body());
              }
              return null;
            });
  }

  /** Another worker answered with an error status. */
  private static final class Refused extends ConnectException {
    private static final long serialVersionUID = 1L;

    private final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private static String strip(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String encode(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
