package dev.wharf.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.core.metrics.PrometheusText;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import dev.wharf.proxy.ProxyClient.Reply;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /metrics} on the proxy's port: request rate, latency and errors per route. */
@ExtendWith(SharedKafkaBroker.class)
class ProxyMetricsTest {
  private static RestProxy proxy;
  private static ProxyClient client;
  private static String topic;

  @BeforeAll
  static void start(EmbeddedKafkaBroker broker) {
    proxy = ProxyFixture.start(broker, Map.of());
    client = new ProxyClient(proxy.url());
    topic = ProxyFixture.topic(broker, "metrics", 1);
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  private static PrometheusText scrape() {
    Reply reply = client.get("/metrics", "text/plain");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("text/plain; version=0.0.4");
    return PrometheusText.parse(reply.text());
  }

  private static double count(PrometheusText metrics, Map<String, String> labels) {
    return metrics.find("http_server_requests_seconds_count", labels).stream()
        .mapToDouble(PrometheusText.Sample::value)
        .sum();
  }

  @Test
  void produceRequestsAreCountedTimedAndTheirErrorsCountedPerRoute() {
    Map<String, String> produced = Map.of("method", "POST", "route", "/topics/{topic}");
    double before = count(scrape(), produced);
    String value = Base64.getEncoder().encodeToString("hello".getBytes());
    for (int i = 0; i < 5; i++) {
      Reply reply =
          client.post(
              "/topics/" + topic,
              ProxyClient.BINARY,
              "{\"records\":[{\"value\":\"" + value + "\"}]}");
      assertThat(reply.status()).isEqualTo(200);
    }
    assertThat(client.get("/topics/no-such-topic-here", ProxyClient.V2).status()).isEqualTo(404);

    PrometheusText metrics = scrape();

    assertThat(
            count(metrics, Map.of("method", "POST", "route", "/topics/{topic}", "status", "200")))
        .isEqualTo(before + 5);
    assertThat(metrics.type("http_server_requests_seconds")).contains("histogram");
    assertThat(
            metrics.value(
                "http_server_requests_seconds_bucket",
                Map.of(
                    "route", "/topics/{topic}", "method", "POST", "status", "200", "le", "+Inf")))
        .isEqualTo(before + 5);
    assertThat(
            metrics.value(
                "http_server_request_errors_total",
                Map.of("method", "GET", "route", "/topics/{topic}", "status", "404")))
        .isEqualTo(1);
    assertThat(metrics.samples()).noneMatch(s -> s.labels().containsValue("/topics/" + topic));
    assertThat(metrics.find("jvm_memory_used_bytes", Map.of("area", "heap"))).isNotEmpty();
    assertThat(metrics.find("jvm_threads_live_threads", Map.of())).hasSize(1);
  }
}
