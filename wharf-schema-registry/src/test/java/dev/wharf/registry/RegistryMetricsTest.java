package dev.wharf.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.core.metrics.PrometheusText;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import dev.wharf.registry.RegistryClient.Reply;
import dev.wharf.registry.testing.TestRegistries;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /metrics} on the registry's port: request rate, latency and errors per route. */
@ExtendWith(SharedKafkaBroker.class)
class RegistryMetricsTest {
  private static SchemaRegistry registry;
  private static RegistryClient client;

  @BeforeAll
  static void start(EmbeddedKafkaBroker broker) {
    registry = TestRegistries.start(broker, TestRegistries.uniqueTopic());
    client = new RegistryClient(registry.url());
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  private static PrometheusText scrape() {
    Reply reply = client.get("/metrics");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("text/plain; version=0.0.4");
    return PrometheusText.parse(reply.text());
  }

  @Test
  void registrationsAndLookupsAreCountedTimedAndTheirErrorsCountedPerRoute() {
    String schema =
        "{\"type\":\"record\",\"name\":\"M\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
    for (int i = 0; i < 3; i++) {
      client.register("metrics-" + i + "-value", schema);
    }
    assertThat(client.get("/subjects/unknown-subject/versions").status()).isEqualTo(404);
    assertThat(client.get("/subjects/unknown-subject/versions").status()).isEqualTo(404);

    PrometheusText metrics = scrape();

    Map<String, String> registered =
        Map.of("method", "POST", "route", "/subjects/{subject}/versions", "status", "200");
    assertThat(metrics.value("http_server_requests_seconds_count", registered)).isEqualTo(3);
    assertThat(metrics.value("http_server_requests_seconds_sum", registered)).isPositive();
    assertThat(
            metrics.find(
                "http_server_requests_seconds_bucket",
                Map.of("route", "/subjects/{subject}/versions", "method", "POST")))
        .hasSizeGreaterThan(5);
    assertThat(
            metrics.value(
                "http_server_request_errors_total",
                Map.of("method", "GET", "route", "/subjects/{subject}/versions", "status", "404")))
        .isEqualTo(2);
    assertThat(metrics.samples()).noneMatch(s -> s.labels().containsValue("metrics-1-value"));
    assertThat(metrics.find("jvm_memory_used_bytes", Map.of("area", "heap"))).isNotEmpty();
  }
}
