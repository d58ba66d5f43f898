package dev.wharf.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.connect.ConnectConfig;
import dev.wharf.connect.ConnectRuntime;
import dev.wharf.connect.testing.CountingSourceConnector;
import dev.wharf.connect.testing.Http;
import dev.wharf.connect.testing.RecordingSinkConnector;
import dev.wharf.core.metrics.PrometheusText;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /metrics} and {@code GET /connectors/{name}/metrics} of a worker moving records. */
@ExtendWith(SharedKafkaBroker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectorMetricsTest {
  private static final AtomicInteger UNIQUE = new AtomicInteger();
  private static final Duration WAIT = Duration.ofSeconds(90);

  private final EmbeddedKafkaBroker broker;
  private ConnectRuntime runtime;
  private Http http;

  ConnectorMetricsTest(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  @BeforeAll
  void startWorker() {
    String prefix = "metrics-" + UUID.randomUUID();
    Map<String, String> props = new HashMap<>();
    props.put("bootstrap.servers", broker.bootstrapServers());
    props.put("listeners", "http://127.0.0.1:0");
    props.put("config.storage.topic", prefix + "-configs");
    props.put("offset.storage.topic", prefix + "-offsets");
    props.put("status.storage.topic", prefix + "-status");
    props.put("offset.storage.partitions", "1");
    props.put("status.storage.partitions", "1");
    props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("offset.flush.interval.ms", "200");
    runtime = ConnectRuntime.distributed(ConnectConfig.parse("test", props));
    http = new Http(runtime.url());
  }

  @AfterAll
  void stopWorker() {
    runtime.close();
  }

  private PrometheusText scrape() {
    Http.Response response = http.get("/metrics");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).startsWith("text/plain; version=0.0.4");
    return PrometheusText.parse(response.body());
  }

  private static double valueOr(PrometheusText metrics, String name, Map<String, String> labels) {
    List<PrometheusText.Sample> found = metrics.find(name, labels);
    return found.isEmpty() ? -1 : found.get(0).value();
  }

  private JsonNode connectorMetrics(String name) {
    Http.Response response = http.get("/connectors/" + name + "/metrics");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  @Test
  void sourceAndSinkRecordsAreCountedInPrometheusAndJson() {
    int count = 3000;
    String source = "src-" + UNIQUE.incrementAndGet();
    String sink = "sink-" + UNIQUE.incrementAndGet();
    String topic = source + "-out";
    Map<String, String> sourceConfig = new HashMap<>();
    sourceConfig.put("connector.class", CountingSourceConnector.class.getName());
    sourceConfig.put("topic", topic);
    sourceConfig.put("count", String.valueOf(count));
    sourceConfig.put("batch", "5");
    Map<String, String> sinkConfig = new HashMap<>();
    sinkConfig.put("connector.class", RecordingSinkConnector.class.getName());
    sinkConfig.put("topics", topic);
    sinkConfig.put("recorder", sink);
    assertThat(http.post("/connectors", Map.of("name", sink, "config", sinkConfig)).status())
        .isEqualTo(201);
    assertThat(http.post("/connectors", Map.of("name", source, "config", sourceConfig)).status())
        .isEqualTo(201);
    Map<String, String> sourceTask = Map.of("connector", source, "task", "0");
    Map<String, String> sinkTask = Map.of("connector", sink, "task", "0");

    // Under load the counters move: a scrape midway sees part of the records, a later one all.
    await()
        .atMost(WAIT)
        .until(
            () ->
                valueOr(scrape(), "kafka_connect_source_task_source_record_poll_total", sourceTask)
                    > 0);
    double midway =
        scrape().value("kafka_connect_source_task_source_record_write_total", sourceTask);
    await()
        .atMost(WAIT)
        .until(
            () -> {
              PrometheusText m = scrape();
              return valueOr(m, "kafka_connect_source_task_source_record_write_total", sourceTask)
                      == count
                  && valueOr(m, "kafka_connect_sink_task_sink_record_send_total", sinkTask) == count
                  && valueOr(m, "kafka_connect_sink_task_consumer_lag", sinkTask) == 0
                  // The first offset commit follows the records by up to a flush interval.
                  && valueOr(
                          m,
                          "kafka_connect_connector_task_offset_commit_success_percentage",
                          sourceTask)
                      == 100.0;
            });
    PrometheusText metrics = scrape();
    assertThat(midway).isLessThanOrEqualTo(count);
    assertThat(metrics.type("kafka_connect_source_task_source_record_poll_total"))
        .contains("counter");
    assertThat(metrics.value("kafka_connect_source_task_source_record_poll_total", sourceTask))
        .isEqualTo(count);
    assertThat(metrics.value("kafka_connect_source_task_source_record_poll_rate", sourceTask))
        .isPositive();
    assertThat(metrics.value("kafka_connect_sink_task_sink_record_read_total", sinkTask))
        .isEqualTo(count);
    assertThat(metrics.value("kafka_connect_sink_task_sink_record_read_rate", sinkTask))
        .isPositive();
    assertThat(metrics.value("kafka_connect_sink_task_put_batch_avg_time_ms", sinkTask))
        .isGreaterThanOrEqualTo(0);
    assertThat(
            metrics.value(
                "kafka_connect_sink_task_consumer_lag",
                Map.of("connector", sink, "task", "0", "topic", topic, "partition", "0")))
        .isZero();
    assertThat(
            metrics.value(
                "kafka_connect_connector_task_offset_commit_success_percentage", sourceTask))
        .isEqualTo(100.0);
    assertThat(
            metrics.value(
                "kafka_connect_task_error_deadletterqueue_produce_requests_total", sinkTask))
        .isZero();
    assertThat(
            metrics.value(
                "kafka_connect_worker_connector_running_task_count", Map.of("connector", source)))
        .isEqualTo(1);
    assertThat(
            metrics.value(
                "kafka_connect_worker_connector_total_task_count", Map.of("connector", sink)))
        .isEqualTo(1);
    assertThat(metrics.value("kafka_connect_worker_connector_count", Map.of()))
        .isGreaterThanOrEqualTo(2);
    assertThat(metrics.find("jvm_memory_used_bytes", Map.of("area", "heap"))).isNotEmpty();

    JsonNode sourceView = connectorMetrics(source);
    assertThat(sourceView.get("connector").asText()).isEqualTo(source);
    assertThat(sourceView.get("records_in_total").asLong()).isEqualTo(count);
    assertThat(sourceView.get("records_out_total").asLong()).isEqualTo(count);
    assertThat(sourceView.get("records_in_per_sec").asDouble()).isPositive();
    assertThat(sourceView.get("lag").isNull()).isTrue();
    assertThat(sourceView.get("last_error").isNull()).isTrue();
    JsonNode sourceTaskView = sourceView.get("tasks").get(0);
    assertThat(sourceTaskView.get("id").asInt()).isZero();
    assertThat(sourceTaskView.get("state").asText()).isEqualTo("RUNNING");
    assertThat(sourceTaskView.get("records_out_total").asLong()).isEqualTo(count);
    assertThat(sourceTaskView.get("lag").isNull()).isTrue();
    assertThat(sourceTaskView.has("records_in_per_sec")).isTrue();

    JsonNode sinkView = connectorMetrics(sink);
    assertThat(sinkView.get("records_in_total").asLong()).isEqualTo(count);
    assertThat(sinkView.get("records_out_total").asLong()).isEqualTo(count);
    assertThat(sinkView.get("lag").isNumber()).isTrue();
    assertThat(sinkView.get("lag").asLong()).isZero();
    assertThat(sinkView.get("tasks").get(0).get("lag").asLong()).isZero();
    // The JSON requests above are counted per route template on the same port.
    assertThat(
            scrape()
                .value(
                    "http_server_requests_seconds_count",
                    Map.of(
                        "method", "GET", "route", "/connectors/{name}/metrics", "status", "200")))
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void aFailedTaskIsTheConnectorsLastError() {
    String name = "failing-" + UNIQUE.incrementAndGet();
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", CountingSourceConnector.class.getName());
    config.put("topic", name + "-out");
    config.put("count", "100");
    config.put("batch", "1");
    config.put("fail.at", "5");
    assertThat(http.post("/connectors", Map.of("name", name, "config", config)).status())
        .isEqualTo(201);

    await().atMost(WAIT).until(() -> !connectorMetrics(name).get("last_error").isNull());

    JsonNode view = connectorMetrics(name);
    JsonNode error = view.get("last_error");
    assertThat(error.get("message").asText()).contains("counter broke at 5");
    assertThat(error.get("task").asInt()).isZero();
    assertThat(Instant.parse(error.get("time").asText())).isBeforeOrEqualTo(Instant.now());
    // The state comes from the status topic, written a moment later.
    await()
        .atMost(WAIT)
        .until(
            () ->
                connectorMetrics(name).get("tasks").get(0).get("state").asText().equals("FAILED"));
    await()
        .atMost(WAIT)
        .until(
            () ->
                valueOr(
                        scrape(),
                        "kafka_connect_worker_connector_failed_task_count",
                        Map.of("connector", name))
                    == 1);
  }

  @Test
  void anUnknownConnectorHasNoMetrics() {
    Http.Response response = http.get("/connectors/no-such-connector/metrics");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.json().get("error_code").asInt()).isEqualTo(404);
    assertThat(response.json().get("message").asText()).contains("no-such-connector");
  }
}
