package dev.wharf.connect.herder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.wharf.connect.herder.ConnectorViews.ConnectorStatus;
import dev.wharf.connect.plugins.ConfigProviders;
import dev.wharf.connect.plugins.Plugins;
import dev.wharf.connect.storage.KafkaConfigStore;
import dev.wharf.connect.storage.KafkaOffsetStore;
import dev.wharf.connect.storage.KafkaStatusStore;
import dev.wharf.connect.storage.StorageTopic;
import dev.wharf.connect.storage.TargetState;
import dev.wharf.connect.storage.TaskId;
import dev.wharf.connect.testing.CountingSourceConnector;
import dev.wharf.connect.testing.ReconfigurableSourceConnector;
import dev.wharf.connect.testing.Topics;
import dev.wharf.connect.validation.InvalidRequestException;
import dev.wharf.connect.worker.Worker;
import dev.wharf.connect.worker.WorkerSettings;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The herder driving a real worker on Kafka-backed stores, as the REST API would. */
@ExtendWith(SharedKafkaBroker.class)
class HerderTest {
  private static final AtomicInteger UNIQUE = new AtomicInteger();
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final EmbeddedKafkaBroker broker;
  private String prefix;
  private Running running;

  HerderTest(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  /** One worker process: its stores, worker and herder. */
  private final class Running implements AutoCloseable {
    final KafkaConfigStore configs;
    final KafkaStatusStore statuses;
    final KafkaOffsetStore offsets;
    final Worker worker;
    final Herder herder;

    Running() {
      Map<String, Object> client = Map.of("bootstrap.servers", broker.bootstrapServers());
      configs =
          new KafkaConfigStore(
              StorageTopic.config(prefix + "-configs", (short) 1), client, Duration.ofSeconds(30));
      statuses =
          new KafkaStatusStore(
              StorageTopic.status(prefix + "-status", 1, (short) 1),
              client,
              Duration.ofSeconds(30));
      offsets =
          new KafkaOffsetStore(
              StorageTopic.offsets(prefix + "-offsets", 1, (short) 1),
              client,
              Duration.ofSeconds(30));
      configs.start();
      statuses.start();
      offsets.start();
      Map<String, String> workerConfig = new HashMap<>();
      workerConfig.put("bootstrap.servers", broker.bootstrapServers());
      workerConfig.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
      workerConfig.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
      Plugins plugins = Plugins.load(List.of());
      worker =
          new Worker(
              workerConfig,
              plugins,
              offsets,
              new StatusReporter(statuses, "test-worker:8083"),
              new WorkerSettings(200, 5000, true));
      herder =
          new Herder(
              "test-worker:8083",
              configs,
              statuses,
              worker,
              plugins,
              ConfigProviders.fromWorkerConfig(Map.of(), plugins));
      herder.start();
    }

    @Override
    public void close() {
      herder.close();
      worker.close();
      configs.close();
      statuses.close();
      offsets.close();
    }
  }

  @BeforeEach
  void start() {
    prefix = "herder-" + UNIQUE.incrementAndGet();
    running = new Running();
  }

  @AfterEach
  void stop() {
    running.close();
  }

  @Test
  void sourceConnectorRunsItsTaskAndReportsRunning() {
    running.herder.createConnector("counter", source(prefix + "-out", 20), TargetState.STARTED);

    await().atMost(WAIT).until(() -> count(prefix + "-out") == 20);
    ConnectorStatus status = running.herder.connectorStatus("counter");
    assertThat(status.connector().state()).isEqualTo("RUNNING");
    assertThat(status.connector().workerId()).isEqualTo("test-worker:8083");
    assertThat(status.type()).isEqualTo("source");
    assertThat(status.tasks())
        .singleElement()
        .satisfies(t -> assertThat(t.state()).isEqualTo("RUNNING"));
    assertThat(running.herder.connectorInfo("counter").tasks()).hasSize(1);
  }

  @Test
  void connectorsAndOffsetsSurviveAWorkerRestart() {
    String topic = prefix + "-out";
    running.herder.createConnector("counter", source(topic, 30), TargetState.STARTED);
    await().atMost(WAIT).until(() -> count(topic) == 30);

    running.close();
    running = new Running();

    await().atMost(WAIT).until(() -> "RUNNING".equals(taskState("counter", 0)));
    running.herder.putConnectorConfig("counter", source(topic, 45));
    await().atMost(WAIT).until(() -> count(topic) >= 45);
    assertThat(values(topic)).hasSize(45).doesNotHaveDuplicates();
  }

  @Test
  void pauseResumeAndStopMoveConnectorAndTasks() {
    running.herder.createConnector(
        "ticker", source(prefix + "-out", 1_000_000), TargetState.STARTED);
    await().atMost(WAIT).until(() -> "RUNNING".equals(taskState("ticker", 0)));

    running.herder.pause("ticker");
    await()
        .atMost(WAIT)
        .until(
            () ->
                "PAUSED".equals(taskState("ticker", 0))
                    && "PAUSED"
                        .equals(running.herder.connectorStatus("ticker").connector().state()));

    running.herder.resume("ticker");
    await()
        .atMost(WAIT)
        .until(
            () ->
                "RUNNING".equals(taskState("ticker", 0))
                    && "RUNNING"
                        .equals(running.herder.connectorStatus("ticker").connector().state()));

    running.herder.stop("ticker");
    await()
        .atMost(WAIT)
        .until(
            () -> "STOPPED".equals(running.herder.connectorStatus("ticker").connector().state()));
    assertThat(running.herder.connectorStatus("ticker").tasks()).isEmpty();

    running.herder.resume("ticker");
    await().atMost(WAIT).until(() -> "RUNNING".equals(taskState("ticker", 0)));
  }

  @Test
  void connectorWhoseStartThrowsIsFailedWithTraceUntilItsConfigIsFixed() {
    Map<String, String> config = source(prefix + "-out", 5);
    config.put("fail.on.start", "true");

    running.herder.createConnector("broken", config, TargetState.STARTED);

    await()
        .atMost(WAIT)
        .until(() -> "FAILED".equals(running.herder.connectorStatus("broken").connector().state()));
    assertThat(running.herder.connectorStatus("broken").connector().trace())
        .contains("connector refused to start");

    config.remove("fail.on.start");
    running.herder.putConnectorConfig("broken", config);
    await()
        .atMost(WAIT)
        .until(
            () -> "RUNNING".equals(running.herder.connectorStatus("broken").connector().state()));
  }

  @Test
  void failedTaskIsRestartedWithOnlyFailed() {
    Map<String, String> config = source(prefix + "-out", 20);
    config.put("fail.once.at", "5");
    config.put("batch", "1");
    running.herder.createConnector("flaky", config, TargetState.STARTED);
    await().atMost(WAIT).until(() -> "FAILED".equals(taskState("flaky", 0)));
    assertThat(running.herder.taskStatus(new TaskId("flaky", 0)).trace())
        .contains("counter broke at 5");

    ConnectorStatus answer = running.herder.restart("flaky", true, true);

    assertThat(answer.connector().state()).isEqualTo("RUNNING");
    assertThat(answer.tasks())
        .singleElement()
        .satisfies(t -> assertThat(t.state()).isEqualTo("RESTARTING"));
    await().atMost(WAIT).until(() -> count(prefix + "-out") == 20);
    assertThat(values(prefix + "-out")).doesNotHaveDuplicates();
  }

  @Test
  void connectorAskingForReconfigurationGetsNewTasks() {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", ReconfigurableSourceConnector.class.getName());
    config.put("topic", prefix + "-r");
    config.put("count", "5");
    config.put("tasks.max", "4");
    running.herder.createConnector("elastic", config, TargetState.STARTED);
    await().atMost(WAIT).until(() -> count(prefix + "-r-0") == 5);
    assertThat(running.herder.connectorInfo("elastic").tasks()).hasSize(1);

    ReconfigurableSourceConnector.setTasks("elastic", 3);

    await().atMost(WAIT).until(() -> running.herder.connectorInfo("elastic").tasks().size() == 3);
    await().atMost(WAIT).until(() -> count(prefix + "-r-1") == 5 && count(prefix + "-r-2") == 5);
  }

  @Test
  void invalidConfigIsRefusedWithEveryError() {
    Map<String, String> config = source(prefix + "-out", 5);
    config.put("tasks.max", "0");

    assertThatThrownBy(() -> running.herder.createConnector("bad", config, TargetState.STARTED))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith(
            "Connector configuration is invalid and contains the following 1 error(s):\n")
        .hasMessageContaining("tasks.max");
    assertThat(running.herder.connectors()).doesNotContain("bad");
  }

  @Test
  void creatingAnExistingConnectorIsAConflictAndUnknownOnesAreNotFound() {
    running.herder.createConnector("once", source(prefix + "-out", 1), TargetState.STARTED);

    assertThatThrownBy(
            () ->
                running.herder.createConnector(
                    "once", source(prefix + "-out", 1), TargetState.STARTED))
        .isInstanceOf(ConflictException.class)
        .hasMessage("Connector once already exists");
    assertThatThrownBy(() -> running.herder.connectorInfo("nope"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Connector nope not found");
  }

  @Test
  void deletedConnectorStopsAndDisappears() {
    running.herder.createConnector(
        "doomed", source(prefix + "-out", 1_000_000), TargetState.STARTED);
    await().atMost(WAIT).until(() -> "RUNNING".equals(taskState("doomed", 0)));

    running.herder.deleteConnector("doomed");

    assertThat(running.herder.connectors()).doesNotContain("doomed");
    await().atMost(WAIT).until(() -> running.worker.taskIds().isEmpty());
    long produced = count(prefix + "-out");
    await()
        .during(Duration.ofMillis(500))
        .atMost(WAIT)
        .until(() -> count(prefix + "-out") == produced);
  }

  private String taskState(String connector, int task) {
    List<ConnectorViews.TaskState> tasks = running.herder.connectorStatus(connector).tasks();
    return tasks.size() > task ? tasks.get(task).state() : null;
  }

  private static Map<String, String> source(String topic, int count) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", CountingSourceConnector.class.getName());
    config.put("topic", topic);
    config.put("count", String.valueOf(count));
    return config;
  }

  private long count(String topic) {
    return values(topic).size();
  }

  private List<String> values(String topic) {
    return Topics.values(broker.bootstrapServers(), topic);
  }
}
