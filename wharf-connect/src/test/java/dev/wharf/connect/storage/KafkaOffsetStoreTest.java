package dev.wharf.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaBroker.class)
class KafkaOffsetStoreTest {
  private EmbeddedKafkaBroker broker;
  private StorageTopic topic;
  private RawTopic raw;

  @BeforeEach
  void setUp(EmbeddedKafkaBroker broker) {
    this.broker = broker;
    this.topic = StorageTopic.offsets(RawTopic.uniqueName("offsets"), 5, (short) 1);
    this.raw = RawTopic.create(broker.bootstrapServers(), topic);
  }

  private KafkaOffsetStore startStore() {
    KafkaOffsetStore store =
        new KafkaOffsetStore(
            topic, RawTopic.clientConfig(broker.bootstrapServers()), RawTopic.TIMEOUT);
    store.start();
    return store;
  }

  @Test
  void readsTheOffsetsApacheConnectWrites() throws Exception {
    raw.send("[\"foo\",{\"filename\":\"/tmp/a\"}]", "{\"position\":42}");
    raw.send("[\"foo\",{\"filename\":\"/tmp/b\"}]", "{\"position\":7}");
    raw.send("[\"foo\",{\"filename\":\"/tmp/b\"}]", null);
    raw.send("[\"bar\",{\"db\":\"x\",\"table\":\"t\"}]", "{\"ts\":1700000000000,\"id\":\"9\"}");

    try (KafkaOffsetStore store = startStore()) {
      assertThat(store.offset("foo", Map.of("filename", "/tmp/a")))
          .isEqualTo(Map.of("position", 42L));
      assertThat(store.offset("foo", Map.of("filename", "/tmp/b"))).isNull();
      assertThat(store.offsets("foo"))
          .isEqualTo(Map.of(Map.of("filename", "/tmp/a"), Map.of("position", 42L)));
      Map<String, Object> barPartition = new LinkedHashMap<>();
      barPartition.put("db", "x");
      barPartition.put("table", "t");
      assertThat(store.offset("bar", barPartition))
          .isEqualTo(Map.of("ts", 1700000000000L, "id", "9"));
    }
  }

  @Test
  void writesExactlyTheOffsetRecordsApacheConnectWrites() throws Exception {
    try (KafkaOffsetStore store = startStore()) {
      store
          .write("foo", Map.of(Map.of("filename", "/tmp/a"), Map.of("position", 42)))
          .get(30, TimeUnit.SECONDS);
      Map<Map<String, ?>, Map<String, ?>> reset = new HashMap<>();
      reset.put(Map.of("filename", "/tmp/a"), null);
      store.write("foo", reset).get(30, TimeUnit.SECONDS);
    }

    assertThat(raw.readAll())
        .containsExactly(
            "[\"foo\",{\"filename\":\"/tmp/a\"}] => {\"position\":42}",
            "[\"foo\",{\"filename\":\"/tmp/a\"}] => null");
  }

  @Test
  void offsetsSurviveAStoreRestart() throws Exception {
    try (KafkaOffsetStore store = startStore()) {
      Map<Map<String, ?>, Map<String, ?>> batch = new HashMap<>();
      for (int file = 0; file < 10; file++) {
        batch.put(Map.of("filename", "/tmp/" + file), Map.of("position", file * 100));
      }
      store.write("foo", batch).get(30, TimeUnit.SECONDS);
      store
          .write("bar", Map.of(Map.of("filename", "/tmp/0"), Map.of("position", 1)))
          .get(30, TimeUnit.SECONDS);
    }

    try (KafkaOffsetStore restarted = startStore()) {
      assertThat(restarted.offsets("foo")).hasSize(10);
      assertThat(restarted.offset("foo", Map.of("filename", "/tmp/7")))
          .isEqualTo(Map.of("position", 700L));
      assertThat(restarted.offsets("bar"))
          .isEqualTo(Map.of(Map.of("filename", "/tmp/0"), Map.of("position", 1L)));
      assertThat(restarted.offsets("unknown")).isEmpty();
    }
  }

  @Test
  void theViewCatchesUpWithWritesAfterARefresh() throws Exception {
    try (KafkaOffsetStore writer = startStore();
        KafkaOffsetStore reader = startStore()) {
      writer
          .write("foo", Map.of(Map.of("filename", "/tmp/a"), Map.of("position", 5)))
          .get(30, TimeUnit.SECONDS);
      reader.refresh().get(30, TimeUnit.SECONDS);

      assertThat(reader.offset("foo", Map.of("filename", "/tmp/a")))
          .isEqualTo(Map.of("position", 5L));
    }
  }

  @Test
  void aTaskReadsTheLatestOffsetsOfAnyWorkerThroughItsOffsetReader() throws Exception {
    try (KafkaOffsetStore otherWorker = startStore();
        KafkaOffsetStore thisWorker = startStore()) {
      otherWorker
          .write("foo", Map.of(Map.of("filename", "/tmp/a"), Map.of("position", 99)))
          .get(30, TimeUnit.SECONDS);
      ConnectorOffsetReader reader = new ConnectorOffsetReader(thisWorker, "foo", RawTopic.TIMEOUT);

      assertThat(reader.offset(Map.of("filename", "/tmp/a"))).isEqualTo(Map.of("position", 99L));
      Map<Map<String, String>, Map<String, Object>> expected = new HashMap<>();
      expected.put(Map.of("filename", "/tmp/a"), Map.of("position", 99L));
      expected.put(Map.of("filename", "/tmp/none"), null);
      assertThat(
              reader.offsets(
                  List.of(Map.of("filename", "/tmp/a"), Map.of("filename", "/tmp/none"))))
          .isEqualTo(expected);
      assertThat(
              new ConnectorOffsetReader(thisWorker, "bar", RawTopic.TIMEOUT)
                  .offset(Map.of("filename", "/tmp/a")))
          .isNull();
    }
  }

  @Test
  void offsetsThatAreNotMapsOfPrimitivesAreRefusedBeforeAnythingIsWritten() throws Exception {
    try (KafkaOffsetStore store = startStore()) {
      assertThatThrownBy(
              () ->
                  store.write(
                      "foo", Map.of(Map.of("filename", "/tmp/a"), Map.of("lines", List.of(1, 2)))))
          .isInstanceOf(DataException.class)
          .hasMessageContaining("'foo'")
          .hasMessageContaining("lines");
    }

    assertThat(raw.readAll()).isEmpty();
  }
}
