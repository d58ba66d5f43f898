package dev.wharf.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaBroker.class)
class KafkaStatusStoreTest {
  private static final TaskId FOO_0 = new TaskId("foo", 0);
  private static final TaskId FOO_1 = new TaskId("foo", 1);

  private EmbeddedKafkaBroker broker;
  private StorageTopic topic;
  private RawTopic raw;

  @BeforeEach
  void setUp(EmbeddedKafkaBroker broker) {
    this.broker = broker;
    this.topic = StorageTopic.status(RawTopic.uniqueName("status"), 5, (short) 1);
    this.raw = RawTopic.create(broker.bootstrapServers(), topic);
  }

  private KafkaStatusStore startStore() {
    KafkaStatusStore store =
        new KafkaStatusStore(
            topic, RawTopic.clientConfig(broker.bootstrapServers()), RawTopic.TIMEOUT);
    store.start();
    return store;
  }

  private static void done(CompletableFuture<Void> write) throws Exception {
    write.get(30, TimeUnit.SECONDS);
  }

  @Test
  void writesExactlyTheStatusRecordsApacheConnectWrites() throws Exception {
    try (KafkaStatusStore store = startStore()) {
      done(store.put(new ConnectorStatus("foo", StatusState.RUNNING, null, "w1:8083", 3, "4.3.1")));
      done(store.put(new TaskStatus(FOO_0, StatusState.FAILED, "boom", "w1:8083", 3, null)));
      done(store.put(new TopicStatus("lines", "foo", 0, 1700000000000L)));
      done(store.deleteTopic("foo", "lines"));
      done(store.put(new ConnectorStatus("foo", StatusState.DESTROYED, null, "w1:8083", 3, null)));
    }

    assertThat(raw.readAll())
        .containsExactlyInAnyOrder(
            "status-connector-foo => {\"state\":\"RUNNING\",\"trace\":null,"
                + "\"worker_id\":\"w1:8083\",\"generation\":3,\"version\":\"4.3.1\"}",
            "status-task-foo-0 => {\"state\":\"FAILED\",\"trace\":\"boom\","
                + "\"worker_id\":\"w1:8083\",\"generation\":3,\"version\":null}",
            "status-topic-lines:connector-foo => {\"topic\":{\"name\":\"lines\","
                + "\"connector\":\"foo\",\"task\":0,\"discoverTimestamp\":1700000000000}}",
            "status-topic-lines:connector-foo => null",
            "status-connector-foo => null");
  }

  @Test
  void readsTheStatusRecordsApacheConnectWrites() throws Exception {
    // Workers before 4.1 write no version field.
    raw.send(
        "status-connector-my-conn",
        "{\"state\":\"PAUSED\",\"trace\":null,\"worker_id\":\"10.0.0.1:8083\",\"generation\":7}");
    raw.send(
        "status-task-my-conn-2",
        "{\"state\":\"FAILED\",\"trace\":\"java.lang.RuntimeException: boom\","
            + "\"worker_id\":\"10.0.0.1:8083\",\"generation\":7,\"version\":\"1.0\"}");
    raw.send(
        "status-topic-my.topic:connector-my-conn",
        "{\"topic\":{\"name\":\"my.topic\",\"connector\":\"my-conn\",\"task\":2,"
            + "\"discoverTimestamp\":1700000000000}}");

    try (KafkaStatusStore store = startStore()) {
      assertThat(store.connector("my-conn"))
          .contains(
              new ConnectorStatus("my-conn", StatusState.PAUSED, null, "10.0.0.1:8083", 7, null));
      assertThat(store.task(new TaskId("my-conn", 2)))
          .contains(
              new TaskStatus(
                  new TaskId("my-conn", 2),
                  StatusState.FAILED,
                  "java.lang.RuntimeException: boom",
                  "10.0.0.1:8083",
                  7,
                  "1.0"));
      assertThat(store.topics("my-conn"))
          .containsExactly(new TopicStatus("my.topic", "my-conn", 2, 1700000000000L));
      assertThat(store.connectors()).containsExactly("my-conn");
    }
  }

  @Test
  void statusesSurviveARestartAndDestroyingAConnectorDropsItsTasks() throws Exception {
    try (KafkaStatusStore store = startStore()) {
      done(store.put(new ConnectorStatus("foo", StatusState.RUNNING, null, "w1", 1, null)));
      done(store.put(new TaskStatus(FOO_0, StatusState.RUNNING, null, "w1", 1, null)));
      done(store.put(new TaskStatus(FOO_1, StatusState.UNASSIGNED, null, "w1", 1, null)));
    }

    try (KafkaStatusStore restarted = startStore()) {
      assertThat(restarted.connector("foo").orElseThrow().state()).isEqualTo(StatusState.RUNNING);
      assertThat(restarted.tasks("foo"))
          .extracting(TaskStatus::state)
          .containsExactly(StatusState.RUNNING, StatusState.UNASSIGNED);

      done(restarted.put(new ConnectorStatus("foo", StatusState.DESTROYED, null, "w1", 1, null)));

      assertThat(restarted.connector("foo")).isEmpty();
      assertThat(restarted.tasks("foo")).isEmpty();
      assertThat(restarted.connectors()).isEmpty();
    }
  }

  @Test
  void aSafeWriteDoesNotOverwriteANewerGenerationOfAnotherWorker() throws Exception {
    try (KafkaStatusStore store = startStore()) {
      done(store.put(new TaskStatus(FOO_0, StatusState.RUNNING, null, "w2", 5, null)));

      done(store.putSafe(new TaskStatus(FOO_0, StatusState.UNASSIGNED, null, "w1", 4, null)));
      assertThat(store.task(FOO_0).orElseThrow().workerId()).isEqualTo("w2");

      done(store.putSafe(new TaskStatus(FOO_0, StatusState.RUNNING, null, "w1", 6, null)));
      assertThat(store.task(FOO_0).orElseThrow().workerId()).isEqualTo("w1");
    }
  }
}
