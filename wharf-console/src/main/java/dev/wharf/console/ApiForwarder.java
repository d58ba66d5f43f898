package dev.wharf.console;

import dev.wharf.core.http.HttpError;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forwards {@code /api/<service>/<path>} from the page to that service's own URL, so the page is
 * same-origin and needs no CORS: the method, the raw path and query, the body and its content type
 * and the Accept header go up; the status, content type, Wharf's own {@code Wharf-*} headers (such
 * as the workers of a cluster that did not answer) and body come back unchanged. A response of type
 * {@code text/event-stream} is streamed chunk by chunk until either side closes. A service that
 * does not run here answers 503, one that does not answer 502, each with a message naming the
 * service and its URL, which the page shows as it is.
 */
final class ApiForwarder implements AutoCloseable {
  private static final List<HandlerType> METHODS =
      List.of(
          HandlerType.GET,
          HandlerType.POST,
          HandlerType.PUT,
          HandlerType.PATCH,
          HandlerType.DELETE);
  // Consumer reads and connector restarts can take a while; the page shows a spinner meanwhile.
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

  private final Map<String, URI> services;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final Set<InputStream> streams = ConcurrentHashMap.newKeySet();

  ApiForwarder(Upstreams upstreams) {
    this.services = upstreams.byName();
  }

  void register(RoutesConfig routes) {
    for (HandlerType method : METHODS) {
      routes.addHttpHandler(method, "/api/{service}", this::forward);
      routes.addHttpHandler(method, "/api/{service}/<path>", this::forward);
    }
  }

  private void forward(Context ctx) throws IOException, InterruptedException {
    String service = ctx.pathParam("service");
    if (!services.containsKey(service)) {
      throw new HttpError(404, "No service '" + service + "': use connect, proxy or registry");
    }
    URI base = services.get(service);
    if (base == null) {
      throw new HttpError(503, Upstreams.title(service) + " does not run in this Wharf");
    }
    URI target = target(base, ctx, service);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target).method(ctx.method().name(), body(ctx));
    String contentType = ctx.header("Content-Type");
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    String accept = ctx.header("Accept");
    boolean streaming = accept != null && accept.contains("text/event-stream");
    if (accept != null) {
      request.header("Accept", accept);
    }
    if (!streaming) {
      request.timeout(REQUEST_TIMEOUT);
    }
    HttpResponse<InputStream> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw unreachable(service, base, e);
    } catch (HttpTimeoutException e) {
      throw new HttpError(
          504, Upstreams.title(service) + " at " + base + " did not answer in time");
    } catch (IOException e) {
      throw unreachable(service, base, e);
    }
    ctx.status(response.statusCode());
    response
        .headers()
        .map()
        .forEach(
            (header, values) -> {
              if (header.regionMatches(true, 0, "Wharf-", 0, 6) && !values.isEmpty()) {
                ctx.header(header, values.get(0));
              }
            });
    String type = response.headers().firstValue("Content-Type").orElse(null);
    if (type != null && type.startsWith("text/event-stream")) {
      stream(ctx, response.body(), type);
      return;
    }
    try (InputStream in = response.body()) {
      byte[] bytes = in.readAllBytes();
      if (type != null) {
        ctx.contentType(type);
      }
      ctx.result(bytes);
    }
  }

  private static URI target(URI base, Context ctx, String service) {
    // The raw URI keeps percent-encoded characters (a subject with a '/') as the page sent them.
    String raw = ctx.req().getRequestURI();
    String path = raw.substring(("/api/" + service).length());
    String query = ctx.req().getQueryString();
    String root = base.toString().replaceAll("/+$", "");
    try {
      return URI.create(root + (path.isEmpty() ? "/" : path) + (query == null ? "" : "?" + query));
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest(
          "Invalid path or query for " + Upstreams.title(service) + ": " + raw);
    }
  }

  private static HttpRequest.BodyPublisher body(Context ctx) {
    byte[] bytes = ctx.bodyAsBytes();
    return bytes.length == 0
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(bytes);
  }

  private static HttpError unreachable(String service, URI base, Exception e) {
    String reason =
        e.getMessage() != null
            ? e.getMessage()
            : e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
    return new HttpError(
        502, Upstreams.title(service) + " is not reachable at " + base + " (" + reason + ")");
  }

  /**
   * Copies an event stream as it arrives, flushing each chunk, on the servlet's own output stream
   * so that no compression buffers it; ends when the service or the browser closes.
   */
  private void stream(Context ctx, InputStream in, String type) throws IOException {
    streams.add(in);
    try (in) {
      ctx.res().setContentType(type);
      ctx.res().setHeader("Cache-Control", "no-cache");
      OutputStream out = ctx.res().getOutputStream();
      out.flush();
      byte[] buffer = new byte[8192];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException e) {
      // The browser went away or the console is stopping: the stream simply ends.
    } finally {
      streams.remove(in);
    }
  }

  /** Ends every open event stream so that stopping the console never waits for one. */
  @Override
  public void close() {
    for (InputStream in : streams) {
      try {
        in.close();
      } catch (IOException e) {
        // Closing is best effort; the stream's thread ends either way.
      }
    }
  }
}
