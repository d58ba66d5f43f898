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
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Calls from one worker's REST layer or herder to another worker's REST API: forwarded client
 * requests, task configs sent to the leader, restarts sent to owners. Requests this worker
 * originates carry {@code forward=true}, so the receiver may forward them one hop further.
 */
public final class PeerClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /** Re-issues a request at another worker and returns its answer as it is. */
  public HttpResponse<byte[]> send(
      String baseUrl, String method, String pathAndQuery, byte[] body, String contentType) {
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
    return call(
        leaderUrl,
        "/connectors/" + encode(connector) + "/tasks?forward=true",
        body,
        "task configs");
  }

  CompletableFuture<Void> restartConnector(String ownerUrl, String connector) {
    return call(
        ownerUrl, "/connectors/" + encode(connector) + "/restart?forward=true", null, "restart");
  }

  CompletableFuture<Void> restartTask(String ownerUrl, TaskId task) {
    return call(
        ownerUrl,
        "/connectors/"
            + encode(task.connector())
            + "/tasks/"
            + task.task()
            + "/restart?forward=true",
        null,
        "restart");
  }

  private CompletableFuture<Void> call(String baseUrl, String path, byte[] body, String what) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(strip(baseUrl) + path))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(
            response -> {
              if (response.statusCode() >= 300) {
                throw new ConnectException(
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

  private static String strip(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String encode(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
