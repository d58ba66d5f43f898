package dev.wharf.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.connect.ConnectConfig;
import dev.wharf.connect.ConnectRuntime;
import dev.wharf.connect.testing.CountingSourceConnector;
import dev.wharf.connect.testing.Http;
import dev.wharf.connect.testing.RecordingSinkConnector;
import dev.wharf.connect.testing.RecordingSinkTask;
import dev.wharf.connect.testing.RetriableFailureTransform;
import dev.wharf.connect.testing.Topics;
import dev.wharf.core.metrics.PrometheusText;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Apache's task-error metrics fed by the worker's error handling (tolerance, retries, the log and
 * the dead letter queue), and the source poll batch times, in {@code /metrics} and in the JSON.
 */
@ExtendWith(SharedKafkaBroker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskErrorMetricsTest {
  private static final Duration WAIT = Duration.ofSeconds(90);

  private final EmbeddedKafkaBroker broker;
  private ConnectRuntime runtime;
  private Http http;

  TaskErrorMetricsTest(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  @BeforeAll
  void startWorker() {
    String prefix = "errors-" + UUID.randomUUID();
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
    return PrometheusText.parse(response.body());
  }

  private JsonNode connectorMetrics(String name) {
    Http.Response response = http.get("/connectors/" + name + "/metrics");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private static double valueOr(PrometheusText metrics, String name, Map<String, String> labels) {
    List<PrometheusText.Sample> found = metrics.find(name, labels);
    return found.isEmpty() ? -1 : found.get(0).value();
  }

  @Test
  void toleratedBadRecordsMoveTheErrorCountsAndReachTheDeadLetterQueue() {
    long started = System.currentTimeMillis();
    String name = "tolerant-" + UUID.randomUUID();
    String topic = name + "-in";
    String recorder = UUID.randomUUID().toString();
    Topics.produce(
        broker.bootstrapServers(),
        topic,
        "{\"a\":1}",
        "not json",
        "\"flaky\"",
        "{\"a\":2}",
        "also not json");
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", RecordingSinkConnector.class.getName());
    config.put("topics", topic);
    config.put("recorder", recorder);
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    config.put("transforms", "flaky");
    config.put("transforms.flaky.type", RetriableFailureTransform.class.getName());
    config.put("errors.tolerance", "all");
    config.put("errors.log.enable", "true");
    config.put("errors.retry.timeout", "1000");
    config.put("errors.retry.delay.max.ms", "100");
    config.put("errors.deadletterqueue.topic.name", name + "-dlq");
    config.put("errors.deadletterqueue.topic.replication.factor", "1");
    assertThat(http.post("/connectors", Map.of("name", name, "config", config)).status())
        .isEqualTo(201);
    Map<String, String> task = Map.of("connector", name, "task", "0");

    await()
        .atMost(WAIT)
        .until(
            () ->
                valueOr(
                        scrape(),
                        "kafka_connect_task_error_deadletterqueue_produce_requests_total",
                        task)
                    == 3);
    assertThat(RecordingSinkTask.recorded(recorder)).hasSize(2);
    await()
        .atMost(WAIT)
        .until(() -> Topics.values(broker.bootstrapServers(), name + "-dlq").size() == 3);

    PrometheusText metrics = scrape();
    assertThat(metrics.type("kafka_connect_task_error_total_record_errors_total"))
        .contains("counter");
    // Two records fail to convert, one fails a retriable transform until its retry time is up.
    assertThat(metrics.value("kafka_connect_task_error_total_record_errors_total", task))
        .isEqualTo(3);
    assertThat(metrics.value("kafka_connect_task_error_total_records_skipped_total", task))
        .isEqualTo(3);
    assertThat(metrics.value("kafka_connect_task_error_total_errors_logged_total", task))
        .isEqualTo(3);
    double retries = metrics.value("kafka_connect_task_error_total_retries_total", task);
    assertThat(retries).isGreaterThanOrEqualTo(1);
    // Every attempt of the flaky record failed: the retries and the last attempt.
    assertThat(metrics.value("kafka_connect_task_error_total_record_failures_total", task))
        .isEqualTo(2 + retries + 1);
    assertThat(
            metrics.value("kafka_connect_task_error_deadletterqueue_produce_failures_total", task))
        .isZero();
    assertThat(metrics.value("kafka_connect_task_error_last_error_timestamp", task))
        .isGreaterThanOrEqualTo(started)
        .isLessThanOrEqualTo(System.currentTimeMillis());

    JsonNode view = connectorMetrics(name);
    JsonNode errors = view.get("errors");
    assertThat(errors.get("total_record_errors").asLong()).isEqualTo(3);
    assertThat(errors.get("total_records_skipped").asLong()).isEqualTo(3);
    assertThat(errors.get("deadletterqueue_produce_requests").asLong()).isEqualTo(3);
    assertThat(errors.get("total_retries").asLong()).isEqualTo((long) retries);
    assertThat(errors.get("last_error_timestamp").asLong()).isGreaterThanOrEqualTo(started);
    assertThat(view.get("tasks").get(0).get("errors").get("total_errors_logged").asLong())
        .isEqualTo(3);
    assertThat(view.get("tasks").get(0).get("put_batch_avg_time_ms").isNumber()).isTrue();
  }

  @Test
  void pollBatchTimesArePresentAndPositiveUnderLoad() {
    String name = "polling-" + UUID.randomUUID();
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", CountingSourceConnector.class.getName());
    config.put("topic", name + "-out");
    config.put("count", "2000");
    config.put("batch", "10");
    config.put("poll.sleep.ms", "1");
    assertThat(http.post("/connectors", Map.of("name", name, "config", config)).status())
        .isEqualTo(201);
    Map<String, String> task = Map.of("connector", name, "task", "0");

    await()
        .atMost(WAIT)
        .until(
            () -> valueOr(scrape(), "kafka_connect_source_task_source_record_poll_total", task),
            polled -> polled >= 500);
    PrometheusText metrics = scrape();
    double average = metrics.value("kafka_connect_source_task_poll_batch_avg_time_ms", task);
    double max = metrics.value("kafka_connect_source_task_poll_batch_max_time_ms", task);
    // Each poll sleeps at least 1 ms before it returns its batch.
    assertThat(average).isGreaterThanOrEqualTo(1.0);
    assertThat(max).isGreaterThanOrEqualTo(average);
    assertThat(metrics.value("kafka_connect_task_error_total_record_errors_total", task)).isZero();
    assertThat(metrics.value("kafka_connect_task_error_last_error_timestamp", task)).isZero();

    JsonNode taskView = connectorMetrics(name).get("tasks").get(0);
    assertThat(taskView.get("poll_batch_avg_time_ms").asDouble()).isGreaterThanOrEqualTo(1.0);
    assertThat(taskView.get("poll_batch_max_time_ms").asDouble())
        .isGreaterThanOrEqualTo(taskView.get("poll_batch_avg_time_ms").asDouble());
  }
}
