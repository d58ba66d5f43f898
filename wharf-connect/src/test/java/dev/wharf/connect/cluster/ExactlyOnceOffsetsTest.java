package dev.wharf.connect.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.connect.ConnectRuntime;
import dev.wharf.connect.herder.ZombieFencer;
import dev.wharf.connect.testing.CountingSourceConnector;
import dev.wharf.connect.testing.Http;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code PATCH} and {@code DELETE /connectors/{name}/offsets} of a stopped exactly-once source
 * connector (KIP-618 with KIP-875): its zombies are fenced first, then the new offsets are
 * committed in a transaction to its own offsets topic and the worker's.
 */
@ExtendWith(SharedKafkaBroker.class)
class ExactlyOnceOffsetsTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EmbeddedKafkaBroker broker;

  ExactlyOnceOffsetsTest(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  @Test
  void offsetsOfAStoppedExactlyOnceSourceChangeInATransactionAfterItsZombiesAreFenced()
      throws Exception {
    String name = "eos-offsets-" + UUID.randomUUID();
    String topic = "eos-offsets-" + UUID.randomUUID();
    String ownOffsets = "eos-offsets-own-" + UUID.randomUUID();
    try (ConnectCluster cluster =
        new ConnectCluster(broker, Map.of("exactly.once.source.support", "enabled"))) {
      ConnectRuntime worker = cluster.start();
      Http http = cluster.http(worker);
      Map<String, String> config = new HashMap<>();
      config.put("connector.class", CountingSourceConnector.class.getName());
      config.put("topic", topic);
      config.put("count", "50");
      config.put("batch", "10");
      config.put("offsets.storage.topic", ownOffsets);
      assertThat(http.put("/connectors/" + name + "/config", config).status()).isEqualTo(201);
      await().atMost(WAIT).until(() -> ConnectCluster.committedValues(broker, topic).size() >= 50);
      assertThat(http.put("/connectors/" + name + "/stop", null).status()).isEqualTo(204);
      await()
          .atMost(WAIT)
          .until(
              () -> {
                JsonNode status = http.get("/connectors/" + name + "/status").json();
                return "STOPPED".equals(status.get("connector").get("state").asText())
                    && status.get("tasks").isEmpty();
              });
      String workerOffsets = cluster.property("offset.storage.topic");
      await()
          .atMost(WAIT)
          .until(
              () -> committedOffset(ownOffsets, name), o -> o.isPresent() && "49".equals(o.get()));

      // An instance of task 0 left running on a lost worker, in the middle of a transaction.
      try (KafkaProducer<String, String> zombie =
          ConnectCluster.transactionalProducer(
              broker, ZombieFencer.transactionalId(cluster.property("group.id"), name, 0))) {
        zombie.initTransactions();
        zombie.beginTransaction();
        zombie.send(new ProducerRecord<>(topic, "zombie")).get();

        Http.Response altered = http.patch("/connectors/" + name + "/offsets", counterOffsets(9));
        assertThat(altered.status()).as(altered.body()).isEqualTo(200);
        assertThat(altered.json().get("message").asText())
            .isEqualTo("The offsets for this connector have been altered successfully");
        assertThatThrownBy(zombie::commitTransaction)
            .isInstanceOfAny(ProducerFencedException.class, InvalidProducerEpochException.class);
      }
      assertThat(ConnectCluster.committedValues(broker, topic)).doesNotContain("zombie");
      JsonNode offsets = http.get("/connectors/" + name + "/offsets").json().get("offsets");
      assertThat(offsets).hasSize(1);
      assertThat(offsets.get(0).get("offset").get("n").asLong()).isEqualTo(9);
      assertThat(committedOffset(ownOffsets, name)).contains("9");
      assertThat(committedOffset(workerOffsets, name)).contains("9");

      Http.Response reset = http.delete("/connectors/" + name + "/offsets");
      assertThat(reset.status()).as(reset.body()).isEqualTo(200);
      assertThat(reset.json().get("message").asText())
          .isEqualTo("The offsets for this connector have been reset successfully");
      assertThat(http.get("/connectors/" + name + "/offsets").json().get("offsets")).isEmpty();
      assertThat(committedOffset(ownOffsets, name)).contains("null");
      assertThat(committedOffset(workerOffsets, name)).contains("null");

      Http.Response malformed =
          http.patch("/connectors/" + name + "/offsets", counterOffsets(Map.of("nested", 1)));
      assertThat(malformed.status()).as(malformed.body()).isEqualTo(400);
    }
  }

  /** A PATCH body setting the counter partition's offset {@code n}. */
  private static Map<String, Object> counterOffsets(Object n) {
    return Map.of(
        "offsets",
        List.of(Map.of("partition", Map.of("source", "counter"), "offset", Map.of("n", n))));
  }

  /**
   * The last offset {@code n} a {@code read_committed} consumer sees for the connector's counter
   * partition in an offsets topic ("null" for a tombstone); empty when it sees none.
   */
  private Optional<String> committedOffset(String offsetsTopic, String connector) throws Exception {
    Optional<String> last = Optional.empty();
    List<ConsumerRecord<String, String>> records =
        ConnectCluster.committedRecords(broker, offsetsTopic);
    for (ConsumerRecord<String, String> record : records) {
      JsonNode key = JSON.readTree(record.key());
      if (key.get(0).asText().equals(connector)
          && key.get(1).get("source").asText().equals("counter")) {
        last =
            Optional.of(
                record.value() == null ? "null" : JSON.readTree(record.value()).get("n").asText());
      }
    }
    return last;
  }
}
