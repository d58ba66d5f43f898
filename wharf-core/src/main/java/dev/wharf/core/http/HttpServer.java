package dev.wharf.core.http;

import dev.wharf.core.metrics.ServiceMetrics;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP server for one Wharf service: Javalin on Jetty, bound to a host and port (port 0 picks a
 * free one, readable from {@link #port()} once started), with the edge handling every service
 * shares. Any {@link HttpError} a handler throws or its future fails with becomes the peer error
 * body, as does any exception the service's error translator recognizes; unknown routes, wrong
 * methods, Javalin's own rejections and unexpected exceptions become JSON error bodies too, never a
 * stack trace or an HTML page, and the server keeps serving. Each service chooses the content type
 * of its error bodies per request. Every server answers {@code GET /metrics} in the Prometheus text
 * format: the JVM, each request's method, route template, status and latency, and whatever the
 * service adds to its {@link ServiceMetrics}.
 */
public final class HttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

  private final String name;
  private final String host;
  private final Javalin app;
  private final Function<Context, String> errorContentType;
  private final Function<Throwable, HttpError> errorTranslator;
  private final ServiceMetrics metrics;
  private final boolean ownsMetrics;
  private volatile boolean started;

  private HttpServer(Builder builder) {
    this.name = builder.name;
    this.host = builder.host;
    this.errorContentType = builder.errorContentType;
    this.errorTranslator = builder.errorTranslator;
    this.ownsMetrics = builder.metrics == null;
    this.metrics = ownsMetrics ? new ServiceMetrics() : builder.metrics;
    this.app = Javalin.create(config -> configure(config, builder));
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  private void configure(JavalinConfig config, Builder builder) {
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.jetty.host = builder.host;
    config.jetty.port = builder.port;
    config.http.maxRequestSize = builder.maxRequestBytes;
    // A known path with the wrong method is a client mistake of its own kind, as with Jersey.
    config.http.prefer405over404 = true;
    config.appData(RequestBodies.MAX_BYTES, builder.maxRequestBytes);
    // Jetty answers requests it cannot parse (bad request lines, huge headers) without reaching
    // Javalin; its error handler must not leak an HTML page either.
    RequestMetrics requests = new RequestMetrics(metrics.registry());
    config.jetty.modifyServer(
        server -> {
          server.setErrorHandler(new JsonJettyErrorHandler());
          if (!builder.directRoutes.isEmpty()) {
            // Javalin puts its servlet inside this wrapper, behind the direct routes.
            server.setHandler(
                new DirectRoutes(
                    builder.directRoutes,
                    builder.maxRequestBytes,
                    (request, error) ->
                        translate(request.getMethod(), request.getHttpURI().getPath(), error),
                    requests,
                    metrics.registry()));
          }
        });
    config.requestLogger.http(requests::record);
    RoutesConfig routes = config.routes;
    routes.get(
        "/metrics",
        ctx ->
            Responses.bytes(
                ctx,
                200,
                ServiceMetrics.CONTENT_TYPE,
                metrics.scrape().getBytes(StandardCharsets.UTF_8)));
    routes.exception(HttpError.class, (error, ctx) -> respond(ctx, error));
    routes.exception(
        HttpResponseException.class,
        (error, ctx) -> respond(ctx, new HttpError(error.getStatus(), describe(error))));
    routes.exception(
        Exception.class,
        (error, ctx) -> respond(ctx, translate(ctx.method().name(), ctx.path(), error)));
    routes.error(
        404,
        ctx -> {
          if (isEmpty(ctx)) {
            respond(ctx, new HttpError(404, "HTTP 404 Not Found"));
          }
        });
    routes.error(
        405,
        ctx -> {
          if (isEmpty(ctx)) {
            respond(ctx, new HttpError(405, "HTTP 405 Method Not Allowed"));
          }
        });
    builder.routes.accept(routes);
  }

  /**
   * Finds the {@link HttpError} for an exception that escaped a handler or a handler's future:
   * unwraps completion wrappers, asks the service's translator, and answers 500 for the rest.
   */
  private HttpError translate(String method, String path, Throwable thrown) {
    Throwable error = thrown;
    while ((error instanceof CompletionException || error instanceof ExecutionException)
        && error.getCause() != null) {
      error = error.getCause();
    }
    if (error instanceof HttpError httpError) {
      return httpError;
    }
    if (error instanceof HttpResponseException response) {
      return new HttpError(response.getStatus(), describe(response));
    }
    HttpError translated = errorTranslator.apply(error);
    if (translated != null) {
      return translated;
    }
    LOG.error("{}: unexpected error serving {} {}", name, method, path, error);
    return new HttpError(500, "Internal server error");
  }

  private void respond(Context ctx, HttpError error) {
    Responses.json(ctx, error.status(), errorContentType.apply(ctx), error.body());
  }

  private static boolean isEmpty(Context ctx) {
    if (Responses.written(ctx)) {
      return false;
    }
    String result = ctx.result();
    return result == null || result.isEmpty();
  }

  private static String describe(HttpResponseException error) {
    String message = error.getMessage();
    return "HTTP " + error.getStatus() + (message == null ? "" : " " + message);
  }

  /** Binds the port and starts serving; returns once the server accepts connections. */
  public synchronized HttpServer start() {
    if (!started) {
      app.start();
      started = true;
      LOG.info("{} listening on {}:{}", name, host, port());
    }
    return this;
  }

  /** The port the server is bound to; only meaningful after {@link #start()}. */
  public int port() {
    return app.port();
  }

  public String host() {
    return host;
  }

  /** The registry behind {@code GET /metrics}. */
  public ServiceMetrics metrics() {
    return metrics;
  }

  /** Stops accepting requests and stops the server; calling it again does nothing. */
  @Override
  public synchronized void close() {
    if (started) {
      app.stop();
      started = false;
    }
    if (ownsMetrics) {
      metrics.close();
    }
  }

  /** Settings of an {@link HttpServer}: where it binds, its body limit, errors and routes. */
  public static final class Builder {
    private final String name;
    private String host = "127.0.0.1";
    private int port;
    private long maxRequestBytes = 10L * 1024 * 1024;
    private Function<Context, String> errorContentType = ctx -> "application/json";
    private Function<Throwable, HttpError> errorTranslator = error -> null;
    private Consumer<RoutesConfig> routes = routes -> {};
    private ServiceMetrics metrics;
    private final List<DirectRoute> directRoutes = new ArrayList<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    public Builder host(String value) {
      this.host = Objects.requireNonNull(value, "host");
      return this;
    }

    /** The port to bind; 0 picks a free one. */
    public Builder port(int value) {
      this.port = value;
      return this;
    }

    /** The largest request body accepted; a larger one gets 413. */
    public Builder maxRequestBytes(long value) {
      this.maxRequestBytes = value;
      return this;
    }

    /** Picks the content type of an error body from the request (its Accept header, path...). */
    public Builder errorContentType(Function<Context, String> value) {
      this.errorContentType = Objects.requireNonNull(value, "errorContentType");
      return this;
    }

    /**
     * Turns a service's domain exceptions (a Kafka client's, say) into {@link HttpError}s at the
     * edge; answers {@code null} for an exception it does not know, which then becomes a 500.
     */
    public Builder errorTranslator(Function<Throwable, HttpError> value) {
      this.errorTranslator = Objects.requireNonNull(value, "errorTranslator");
      return this;
    }

    /** Declares the service's routes. */
    public Builder routes(Consumer<RoutesConfig> value) {
      this.routes = Objects.requireNonNull(value, "routes");
      return this;
    }

    /** Adds a route served ahead of the Javalin routes (see {@link DirectRoute}). */
    public Builder directRoute(DirectRoute value) {
      directRoutes.add(Objects.requireNonNull(value, "directRoute"));
      return this;
    }

    /**
     * The registry {@code GET /metrics} serves, for a service that registers meters of its own; the
     * caller closes it. Without one the server keeps its own, closed with the server.
     */
    public Builder metrics(ServiceMetrics value) {
      this.metrics = Objects.requireNonNull(value, "metrics");
      return this;
    }

    public HttpServer build() {
      return new HttpServer(this);
    }
  }
}
