package dev.wharf.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaBroker.class)
class KafkaConfigStoreTest {
  private EmbeddedKafkaBroker broker;
  private String topic;
  private RawTopic raw;

  @BeforeEach
  void setUp(EmbeddedKafkaBroker broker) {
    this.broker = broker;
    this.topic = RawTopic.uniqueName("configs");
    this.raw = RawTopic.create(broker.bootstrapServers(), StorageTopic.config(topic, (short) 1));
  }

  private KafkaConfigStore startStore() {
    KafkaConfigStore store =
        new KafkaConfigStore(
            StorageTopic.config(topic, (short) 1),
            RawTopic.clientConfig(broker.bootstrapServers()),
            RawTopic.TIMEOUT);
    store.start();
    return store;
  }

  private static void done(CompletableFuture<Void> write) throws Exception {
    write.get(30, TimeUnit.SECONDS);
  }

  @Test
  void aFreshStoreOnTheSameTopicRestoresConnectorsTasksAndTargetStates() throws Exception {
    try (KafkaConfigStore store = startStore()) {
      done(store.putConnectorConfig("foo", Map.of("connector.class", "Foo"), null));
      done(store.putTaskConfigs("foo", List.of(Map.of("task", "0"), Map.of("task", "1"))));
      done(store.putTargetState("foo", TargetState.PAUSED));
      done(store.putConnectorConfig("bar", Map.of("connector.class", "Bar"), TargetState.STOPPED));
      done(store.putConnectorConfig("gone", Map.of("connector.class", "Gone"), null));
      done(store.putTaskConfigs("gone", List.of(Map.of("task", "0"))));
      done(store.removeConnector("gone"));
    }

    try (KafkaConfigStore restarted = startStore()) {
      ConfigSnapshot snapshot = restarted.snapshot();

      assertThat(snapshot.connectors()).containsExactly("bar", "foo");
      assertThat(snapshot.connectorConfig("foo")).contains(Map.of("connector.class", "Foo"));
      assertThat(snapshot.targetState("foo")).contains(TargetState.PAUSED);
      assertThat(snapshot.targetState("bar")).contains(TargetState.STOPPED);
      assertThat(snapshot.tasks("foo")).containsExactly(new TaskId("foo", 0), new TaskId("foo", 1));
      assertThat(snapshot.taskConfigs("foo"))
          .containsExactly(Map.of("task", "0"), Map.of("task", "1"));
      assertThat(snapshot.taskCount("bar")).isZero();
      assertThat(snapshot.contains("gone")).isFalse();
      assertThat(snapshot.taskConfig(new TaskId("gone", 0))).isEmpty();
      assertThat(snapshot.offset()).isEqualTo(raw.readAll().size());
    }
  }

  @Test
  void taskConfigsAreInvisibleUntilTheirCommitRecord() throws Exception {
    try (KafkaConfigStore store = startStore()) {
      raw.send("connector-foo", "{\"properties\":{\"connector.class\":\"Foo\"}}");
      raw.send("task-foo-0", "{\"properties\":{\"task\":\"0\"}}");
      raw.send("task-foo-1", "{\"properties\":{\"task\":\"1\"}}");
      done(store.refresh());

      assertThat(store.snapshot().contains("foo")).isTrue();
      assertThat(store.snapshot().tasks("foo")).isEmpty();
      assertThat(store.snapshot().taskConfig(new TaskId("foo", 0))).isEmpty();

      raw.send("commit-foo", "{\"tasks\":2}");
      done(store.refresh());

      assertThat(store.snapshot().taskConfigs("foo"))
          .containsExactly(Map.of("task", "0"), Map.of("task", "1"));
    }
  }

  @Test
  void aCommitWithoutAllItsTaskConfigsMarksTheConnectorInconsistent() throws Exception {
    raw.send("connector-foo", "{\"properties\":{\"connector.class\":\"Foo\"}}");
    raw.send("task-foo-1", "{\"properties\":{\"task\":\"1\"}}");
    raw.send("commit-foo", "{\"tasks\":2}");

    try (KafkaConfigStore store = startStore()) {
      assertThat(store.snapshot().inconsistent()).containsExactly("foo");
      assertThat(store.snapshot().tasks("foo")).isEmpty();

      done(store.putTaskConfigs("foo", List.of(Map.of("task", "0"))));

      assertThat(store.snapshot().inconsistent()).isEmpty();
      assertThat(store.snapshot().taskConfigs("foo")).containsExactly(Map.of("task", "0"));
    }
  }

  @Test
  void readsTheRecordsApacheConnectWrites() throws Exception {
    raw.send(
        "connector-foo",
        "{\"properties\":{\"connector.class\":\"FileStreamSource\",\"tasks.max\":\"1\","
            + "\"file\":\"/tmp/a\",\"topic\":\"lines\"}}");
    raw.send("task-foo-0", "{\"properties\":{\"task.class\":\"FileStreamSourceTask\"}}");
    raw.send("commit-foo", "{\"tasks\":1}");
    // A pre-KIP-875 worker writes only the legacy field.
    raw.send("target-state-foo", "{\"state\":\"PAUSED\"}");
    raw.send("target-state-bar", "{\"state\":\"PAUSED\",\"state.v2\":\"STOPPED\"}");
    raw.send("connector-bar", "{\"properties\":{\"connector.class\":\"Bar\"}}");
    raw.send("connector-gone", "{\"properties\":{\"connector.class\":\"Gone\"}}");
    raw.send("connector-gone", null);
    raw.send("target-state-gone", null);
    raw.send(
        "session-key", "{\"key\":\"a2V5\",\"algorithm\":\"HmacSHA256\",\"creation-timestamp\":1}");

    try (KafkaConfigStore store = startStore()) {
      ConfigSnapshot snapshot = store.snapshot();

      assertThat(snapshot.connectors()).containsExactly("bar", "foo");
      assertThat(snapshot.connectorConfig("foo").orElseThrow())
          .containsEntry("connector.class", "FileStreamSource")
          .containsEntry("file", "/tmp/a");
      assertThat(snapshot.taskConfig(new TaskId("foo", 0)))
          .contains(Map.of("task.class", "FileStreamSourceTask"));
      assertThat(snapshot.targetState("foo")).contains(TargetState.PAUSED);
      assertThat(snapshot.targetState("bar")).contains(TargetState.STOPPED);
    }
  }

  @Test
  void readsApacheTaskCountRecordsAndKnowsWhichTaskConfigsAwaitAFencingRound() throws Exception {
    raw.send("connector-eos", "{\"properties\":{\"connector.class\":\"Eos\"}}");
    raw.send("task-eos-0", "{\"properties\":{\"task\":\"0\"}}");
    raw.send("task-eos-1", "{\"properties\":{\"task\":\"1\"}}");
    raw.send("commit-eos", "{\"tasks\":2}");
    raw.send("tasks-fencing-eos", "{\"task-count\":2}");
    raw.send("connector-new", "{\"properties\":{\"connector.class\":\"Eos\"}}");
    raw.send("task-new-0", "{\"properties\":{\"task\":\"0\"}}");
    raw.send("commit-new", "{\"tasks\":1}");

    try (KafkaConfigStore store = startStore()) {
      ConfigSnapshot snapshot = store.snapshot();
      assertThat(snapshot.tasks("eos")).hasSize(2);
      assertThat(snapshot.taskCountRecord("eos")).contains(2);
      assertThat(snapshot.pendingFencing("eos")).isFalse();
      assertThat(snapshot.taskCountRecord("new")).isEmpty();
      assertThat(snapshot.pendingFencing("new")).isTrue();

      done(store.putTaskConfigs("eos", List.of(Map.of("task", "0"))));
      assertThat(store.snapshot().pendingFencing("eos")).isTrue();
      done(store.putTaskCountRecord("eos", 1));
      assertThat(store.snapshot().pendingFencing("eos")).isFalse();
      assertThat(store.snapshot().taskCountRecord("eos")).contains(1);
    }
    assertThat(raw.readAll()).endsWith("tasks-fencing-eos => {\"task-count\":1}");
  }

  @Test
  void recordsReadWhileStartingAreInTheSnapshotButNotReportedToListeners() throws Exception {
    raw.send("connector-foo", "{\"properties\":{\"connector.class\":\"Foo\"}}");
    raw.send("logger-cluster-org.example", "{\"level\":\"DEBUG\"}");
    raw.send("restart-connector-foo", "{\"include-tasks\":true,\"only-failed\":true}");
    List<String> heard = new CopyOnWriteArrayList<>();
    try (KafkaConfigStore store =
        new KafkaConfigStore(
            StorageTopic.config(topic, (short) 1),
            RawTopic.clientConfig(broker.bootstrapServers()),
            RawTopic.TIMEOUT)) {
      store.addListener(
          new ConfigListener() {
            @Override
            public void onConnectorConfigUpdate(String connector) {
              heard.add("config " + connector);
            }

            @Override
            public void onLoggerLevelUpdate(String namespace, String level) {
              heard.add("logger " + namespace);
            }

            @Override
            public void onRestartRequest(RestartRequest request) {
              heard.add("restart " + request.connector());
            }
          });
      store.start();

      assertThat(store.snapshot().connectors()).containsExactly("foo");
      assertThat(heard).isEmpty();
    }
  }

  @Test
  void writesExactlyTheRecordsApacheConnectWrites() throws Exception {
    try (KafkaConfigStore store = startStore()) {
      done(store.putConnectorConfig("foo", Map.of("connector.class", "Foo"), TargetState.STOPPED));
      done(store.putTaskConfigs("foo", List.of(Map.of("task.class", "FooTask"))));
      done(store.putTargetState("foo", TargetState.STARTED));
      done(store.putTargetState("foo", TargetState.PAUSED));
      done(store.putRestartRequest(new RestartRequest("foo", true, false)));
      done(store.putLoggerLevel("org.apache.kafka.connect", "DEBUG"));
      done(store.removeConnector("foo"));
    }

    assertThat(raw.readAll())
        .containsExactly(
            "target-state-foo => {\"state\":\"PAUSED\",\"state.v2\":\"STOPPED\"}",
            "connector-foo => {\"properties\":{\"connector.class\":\"Foo\"}}",
            "task-foo-0 => {\"properties\":{\"task.class\":\"FooTask\"}}",
            "commit-foo => {\"tasks\":1}",
            "target-state-foo => {\"state\":\"STARTED\",\"state.v2\":\"STARTED\"}",
            "target-state-foo => {\"state\":\"PAUSED\",\"state.v2\":\"PAUSED\"}",
            "restart-connector-foo => {\"include-tasks\":false,\"only-failed\":true}",
            "logger-cluster-org.apache.kafka.connect => {\"level\":\"DEBUG\"}",
            "connector-foo => null",
            "target-state-foo => null");
  }

  @Test
  void anotherWorkerSharingTheTopicHearsEveryChange() throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    try (KafkaConfigStore leader = startStore();
        KafkaConfigStore follower = startStore()) {
      follower.addListener(
          new ConfigListener() {
            @Override
            public void onConnectorConfigUpdate(String connector) {
              heard.add("config " + connector);
            }

            @Override
            public void onConnectorConfigRemove(String connector) {
              heard.add("remove " + connector);
            }

            @Override
            public void onTaskConfigUpdate(String connector, List<TaskId> tasks) {
              heard.add("tasks " + tasks);
            }

            @Override
            public void onTargetStateChange(String connector) {
              heard.add("state " + connector);
            }

            @Override
            public void onRestartRequest(RestartRequest request) {
              heard.add("restart " + request);
            }

            @Override
            public void onLoggerLevelUpdate(String namespace, String level) {
              heard.add("logger " + namespace + "=" + level);
            }
          });

      done(leader.putConnectorConfig("foo", Map.of("connector.class", "Foo"), null));
      done(leader.putTaskConfigs("foo", List.of(Map.of(), Map.of())));
      done(leader.putTargetState("foo", TargetState.PAUSED));
      done(leader.putRestartRequest(new RestartRequest("foo", false, true)));
      done(leader.putLoggerLevel("org.example", "TRACE"));
      done(leader.removeConnector("foo"));

      await()
          .atMost(30, TimeUnit.SECONDS)
          .untilAsserted(
              () ->
                  assertThat(heard)
                      .containsExactly(
                          "config foo",
                          "tasks [foo-0, foo-1]",
                          "state foo",
                          "restart RestartRequest[connector=foo, onlyFailed=false, includeTasks=true]",
                          "logger org.example=TRACE",
                          "remove foo"));
      assertThat(follower.snapshot().connectors()).isEmpty();
    }
  }
}
