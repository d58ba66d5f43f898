package dev.wharf.connect.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Reads of another worker's own view (its log lines, its task figures) for the answers a worker
 * gives about the whole cluster. Unlike forwarded writes, a read must not wait long for a worker
 * that does not answer: the caller answers with what the others said and names the missing one.
 */
public final class PeerReads {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(CONNECT_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /**
   * {@code GET baseUrl + pathAndQuery}, without blocking: completes with the answer whatever its
   * status, or exceptionally when the worker cannot be reached or does not answer in time.
   */
  public CompletableFuture<HttpResponse<byte[]>> get(String baseUrl, String pathAndQuery) {
    HttpRequest request =
        HttpRequest.newBuilder(uri(baseUrl, pathAndQuery)).timeout(READ_TIMEOUT).GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  /**
   * Opens a stream (Server-Sent Events) at another worker: returns once its headers arrived; the
   * body is read as it comes, with no time limit. The caller closes the body.
   *
   * @throws IOException when the worker cannot be reached or sends no headers in time
   */
  public HttpResponse<InputStream> open(String baseUrl, String pathAndQuery) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(uri(baseUrl, pathAndQuery))
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    CompletableFuture<HttpResponse<InputStream>> response =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
    try {
      return response.get(READ_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while opening a stream at " + baseUrl, e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException(String.valueOf(e.getCause().getMessage()), e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      response.cancel(true);
      throw new IOException("no answer within " + READ_TIMEOUT.toSeconds() + " s", e);
    }
  }

  /** {@code host:port} of a worker's base URL: its worker id. */
  public static String workerId(String baseUrl) {
    URI uri = URI.create(baseUrl);
    return uri.getAuthority() == null ? baseUrl : uri.getAuthority();
  }

  private static URI uri(String baseUrl, String pathAndQuery) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return URI.create(base + pathAndQuery);
  }
}
