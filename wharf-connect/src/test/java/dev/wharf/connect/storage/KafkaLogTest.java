package dev.wharf.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaBroker.class)
class KafkaLogTest {

  @Test
  void readToEndAfterAnAckedWriteHasAppliedTheWrite(EmbeddedKafkaBroker broker) throws Exception {
    String topic = createTopic(broker, 3);
    List<String> applied = new CopyOnWriteArrayList<>();
    try (KafkaLog log = new KafkaLog(topic, config(broker), r -> applied.add(text(r.key())))) {
      log.start(RawTopic.TIMEOUT);
      assertThat(applied).isEmpty();

      for (int i = 0; i < 20; i++) {
        log.send(bytes("k" + i), bytes("v")).get(30, TimeUnit.SECONDS);
      }
      log.readToEnd().get(30, TimeUnit.SECONDS);

      assertThat(applied).hasSize(20);
    }
  }

  @Test
  void concurrentWritersEachSeeTheirOwnWriteAppliedAfterReadToEnd(EmbeddedKafkaBroker broker)
      throws Exception {
    String topic = createTopic(broker, 3);
    Set<String> applied = ConcurrentHashMap.newKeySet();
    ExecutorService writers = Executors.newFixedThreadPool(4);
    try (KafkaLog log = new KafkaLog(topic, config(broker), r -> applied.add(text(r.key())))) {
      log.start(RawTopic.TIMEOUT);
      List<Future<?>> results = new ArrayList<>();
      for (int writer = 0; writer < 4; writer++) {
        int id = writer;
        results.add(
            writers.submit(
                () -> {
                  for (int i = 0; i < 25; i++) {
                    String key = id + "-" + i;
                    log.send(bytes(key), bytes("v"))
                        .thenCompose(acked -> log.readToEnd())
                        .get(30, TimeUnit.SECONDS);
                    assertThat(applied).contains(key);
                  }
                  return null;
                }));
      }
      for (Future<?> result : results) {
        result.get(60, TimeUnit.SECONDS);
      }
    } finally {
      writers.shutdownNow();
    }
  }

  @Test
  void startReadsEverythingAlreadyInTheTopic(EmbeddedKafkaBroker broker) throws Exception {
    String topic = createTopic(broker, 2);
    RawTopic raw = new RawTopic(broker.bootstrapServers(), topic);
    raw.send("a", "1");
    raw.send("b", null);
    List<String> applied = new CopyOnWriteArrayList<>();
    try (KafkaLog log =
        new KafkaLog(
            topic,
            config(broker),
            r ->
                applied.add(
                    text(r.key()) + "=" + (r.value() == null ? "null" : text(r.value()))))) {
      log.start(RawTopic.TIMEOUT);

      assertThat(applied).containsExactlyInAnyOrder("a=1", "b=null");
    }
  }

  @Test
  void readsFailOnceTheLogIsClosed(EmbeddedKafkaBroker broker) {
    String topic = createTopic(broker, 1);
    KafkaLog log = new KafkaLog(topic, config(broker), r -> {});
    log.start(RawTopic.TIMEOUT);
    log.close();

    assertThatThrownBy(() -> log.readToEnd().get(30, TimeUnit.SECONDS))
        .hasCauseInstanceOf(ConnectException.class)
        .hasMessageContaining(topic);
  }

  private static String createTopic(EmbeddedKafkaBroker broker, int partitions) {
    String topic = RawTopic.uniqueName("log");
    RawTopic.create(broker.bootstrapServers(), StorageTopic.offsets(topic, partitions, (short) 1));
    return topic;
  }

  private static Map<String, Object> config(EmbeddedKafkaBroker broker) {
    return RawTopic.clientConfig(broker.bootstrapServers());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
