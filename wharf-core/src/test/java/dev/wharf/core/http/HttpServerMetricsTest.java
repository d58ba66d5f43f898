package dev.wharf.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.core.metrics.PrometheusText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics}, which every service's server answers in the Prometheus text format. */
class HttpServerMetricsTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static HttpServer server;

  @BeforeAll
  static void start() {
    server =
        HttpServer.builder("metrics-test")
            .port(0)
            .routes(
                routes -> {
                  routes.get(
                      "/items/{id}",
                      ctx -> Responses.json(ctx, 200, "application/json", ctx.pathParam("id")));
                  routes.get(
                      "/missing/{id}",
                      ctx -> {
                        throw new HttpError(404, "Item " + ctx.pathParam("id") + " not found");
                      });
                })
            .build()
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        BodyHandlers.ofString());
  }

  private static PrometheusText scrape() throws Exception {
    HttpResponse<String> response = get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/plain; version=0.0.4");
    return PrometheusText.parse(response.body());
  }

  @Test
  void requestsAreCountedPerRouteTemplateWithLatencyBucketsAndErrors() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(get("/items/" + i).statusCode()).isEqualTo(200);
    }
    assertThat(get("/missing/7").statusCode()).isEqualTo(404);
    assertThat(get("/nowhere/at/all").statusCode()).isEqualTo(404);

    PrometheusText metrics = scrape();

    Map<String, String> items = Map.of("method", "GET", "route", "/items/{id}", "status", "200");
    assertThat(metrics.type("http_server_requests_seconds")).contains("histogram");
    assertThat(metrics.value("http_server_requests_seconds_count", items)).isEqualTo(3.0);
    assertThat(
            metrics.value(
                "http_server_requests_seconds_bucket",
                Map.of("route", "/items/{id}", "status", "200", "le", "+Inf")))
        .isEqualTo(3.0);
    assertThat(metrics.find("http_server_requests_seconds_bucket", items)).hasSizeGreaterThan(5);
    // One series per template, never one per raw path.
    assertThat(metrics.samples()).noneMatch(s -> s.labels().containsValue("/items/1"));
    assertThat(
            metrics.value(
                "http_server_request_errors_total",
                Map.of("route", "/missing/{id}", "status", "404")))
        .isEqualTo(1.0);
    assertThat(
            metrics.value(
                "http_server_request_errors_total",
                Map.of("route", RequestMetrics.UNMATCHED, "status", "404")))
        .isEqualTo(1.0);
    assertThat(metrics.find("http_server_request_errors_total", Map.of("status", "200"))).isEmpty();
  }

  @Test
  void jvmMemoryGcAndThreadsAreExposed() throws Exception {
    PrometheusText metrics = scrape();

    assertThat(metrics.find("jvm_memory_used_bytes", Map.of("area", "heap"))).isNotEmpty();
    assertThat(metrics.find("jvm_threads_live_threads", Map.of())).hasSize(1);
    assertThat(metrics.value("jvm_threads_live_threads", Map.of())).isPositive();
    assertThat(metrics.samples()).anyMatch(s -> s.name().startsWith("jvm_gc_"));
  }

  @Test
  void theParserRejectsWhatPrometheusWouldReject() {
    assertThatThrownBy(() -> PrometheusText.parse("bad-name 1\n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PrometheusText.parse("x{a=\"1\"} 1\nx{a=\"1\"} 2\n"))
        .hasMessageContaining("repeated");
    assertThatThrownBy(() -> PrometheusText.parse("x{a=1} 1\n")).hasMessageContaining("not quoted");
    assertThatThrownBy(() -> PrometheusText.parse("x 1\n# TYPE x gauge\n"))
        .hasMessageContaining("TYPE");
    assertThat(PrometheusText.parse("# TYPE x_total counter\nx_total{a=\"q\\\"\"} 1.5\n").samples())
        .hasSize(1);
  }
}
