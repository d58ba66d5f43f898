package dev.wharf.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedKafkaBroker.class)
class ConnectStorageTest {

  @Test
  void aRestartedKafkaWorkerFindsItsConnectorsTasksStatesAndOffsets(EmbeddedKafkaBroker broker)
      throws Exception {
    Map<String, Object> client = RawTopic.clientConfig(broker.bootstrapServers());
    StorageTopic configs = StorageTopic.config(RawTopic.uniqueName("configs"), (short) 1);
    StorageTopic offsets = StorageTopic.offsets(RawTopic.uniqueName("offsets"), 25, (short) 1);
    StorageTopic status = StorageTopic.status(RawTopic.uniqueName("status"), 5, (short) 1);
    Map<String, String> partition = Map.of("filename", "/tmp/a");

    try (ConnectStorage storage =
        ConnectStorage.kafka(client, configs, offsets, status, RawTopic.TIMEOUT)) {
      storage.start();
      storage
          .configs()
          .putConnectorConfig("foo", Map.of("connector.class", "Foo"), TargetState.STOPPED)
          .get(30, TimeUnit.SECONDS);
      storage
          .configs()
          .putTaskConfigs("foo", List.of(Map.of("task", "0")))
          .get(30, TimeUnit.SECONDS);
      storage
          .offsets()
          .write("foo", Map.of(partition, Map.of("position", 42)))
          .get(30, TimeUnit.SECONDS);
      storage
          .statuses()
          .put(new ConnectorStatus("foo", StatusState.STOPPED, null, "w1", 1, null))
          .get(30, TimeUnit.SECONDS);
    }

    try (ConnectStorage restarted =
        ConnectStorage.kafka(client, configs, offsets, status, RawTopic.TIMEOUT)) {
      restarted.start();

      assertThat(restarted.configs().snapshot().targetState("foo")).contains(TargetState.STOPPED);
      assertThat(restarted.configs().snapshot().taskConfigs("foo"))
          .containsExactly(Map.of("task", "0"));
      assertThat(restarted.offsets().offset("foo", partition)).isEqualTo(Map.of("position", 42L));
      assertThat(restarted.statuses().connector("foo").orElseThrow().state())
          .isEqualTo(StatusState.STOPPED);
    }
  }

  @Test
  void aRestartedStandaloneWorkerFindsItsOffsets(@TempDir Path dir) {
    Path file = dir.resolve("connect.offsets");
    Map<String, String> partition = Map.of("filename", "/tmp/a");
    try (ConnectStorage storage = ConnectStorage.standalone(file)) {
      storage.start();
      storage.offsets().write("foo", Map.of(partition, Map.of("position", 42))).join();
    }

    try (ConnectStorage restarted = ConnectStorage.standalone(file)) {
      restarted.start();

      assertThat(restarted.offsets().offset("foo", partition)).isEqualTo(Map.of("position", 42L));
      assertThat(restarted.configs().snapshot().connectors()).isEmpty();
    }
  }
}
