package dev.wharf.core.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts and times every request a server answers, per method, route template (so {@code
 * /topics/{topic}}, never the raw path, which would make one series per topic) and status: {@code
 * http_server_requests_seconds} (a histogram: its {@code _count} gives the request rate) and {@code
 * http_server_request_errors_total} for answers of 400 and above.
 */
final class RequestMetrics {
  /** The route tag of requests that matched no route (404s for unknown paths). */
  static final String UNMATCHED = "unmatched";

  private static final Duration[] BUCKETS = {
    Duration.ofMillis(1),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private final MeterRegistry registry;

  /**
   * The meters of each series seen so far. Building a meter through its builder costs more than
   * recording into it (tags sorted, ids hashed, the registry's map consulted), so each series is
   * built once.
   */
  private final Map<Series, Meters> meters = new ConcurrentHashMap<>();

  RequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Called by Javalin once the response is complete, asynchronous ones included. */
  void record(Context ctx, Float millis) {
    record(ctx.method().name(), route(ctx), ctx.statusCode(), (long) (millis * 1_000_000L));
  }

  /** Records one answered request of {@code route}, which took {@code nanos}. */
  void record(String method, String route, int status, long nanos) {
    Series series = new Series(method, route, status);
    Meters found = meters.computeIfAbsent(series, this::register);
    found.timer().record(nanos, TimeUnit.NANOSECONDS);
    if (found.errors() != null) {
      found.errors().increment();
    }
  }

  private Meters register(Series series) {
    String status = Integer.toString(series.status());
    Timer timer =
        Timer.builder("http.server.requests")
            .description("HTTP requests served, by method, route template and status")
            .tags("method", series.method(), "route", series.route(), "status", status)
            .serviceLevelObjectives(BUCKETS)
            .register(registry);
    Counter errors =
        series.status() < 400
            ? null
            : Counter.builder("http.server.request.errors")
                .description("HTTP requests answered with a status of 400 or above")
                .tags("method", series.method(), "route", series.route(), "status", status)
                .register(registry);
    return new Meters(timer, errors);
  }

  /** The tags that make one series. */
  private record Series(String method, String route, int status) {}

  /** The meters of one series; {@code errors} only for statuses of 400 and above. */
  private record Meters(Timer timer, Counter errors) {}

  private static String route(Context ctx) {
    Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
    return endpoint == null ? UNMATCHED : endpoint.path;
  }
}
