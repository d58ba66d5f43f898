package dev.wharf.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
