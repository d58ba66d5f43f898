package dev.wharf.connect.storage;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Writes new offsets of an exactly-once source connector ({@code PATCH} / {@code DELETE
 * /connectors/{name}/offsets}) in one Kafka transaction, under the transactional id of the
 * connector's task 0 as Apache does: a {@code read_committed} reader sees all of them or none, and
 * a zombie of task 0 that starts a transaction afterwards is fenced by it. Each offset goes to
 * every topic given, in Apache Connect's offsets format.
 */
public final class TransactionalOffsetWriter {
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final Map<String, Object> clientConfig;
  private final String groupId;

  /**
   * @param clientConfig Kafka connection settings ({@code bootstrap.servers}, security)
   * @param groupId the worker's {@code group.id}, the prefix of task transactional ids
   */
  public TransactionalOffsetWriter(Map<String, Object> clientConfig, String groupId) {
    this.clientConfig = Map.copyOf(clientConfig);
    this.groupId = groupId;
  }

  /** Throws {@link org.apache.kafka.connect.errors.DataException} for a malformed offset. */
  public static void validate(
      String connector, Map<? extends Map<String, ?>, ? extends Map<String, ?>> offsets) {
    offsets.forEach((partition, offset) -> OffsetRecords.validate(connector, partition, offset));
  }

  /**
   * Writes the offsets (a null offset is a tombstone) to each topic and commits them together; they
   * were checked with {@link #validate} first.
   */
  public void write(
      String connector,
      List<String> topics,
      Map<? extends Map<String, ?>, ? extends Map<String, ?>> offsets) {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(connector))) {
      producer.initTransactions();
      producer.beginTransaction();
      for (String topic : topics) {
        offsets.forEach(
            (partition, offset) ->
                producer.send(
                    new ProducerRecord<>(
                        topic,
                        OffsetRecords.key(connector, partition),
                        offset == null ? null : OffsetRecords.value(offset))));
      }
      producer.commitTransaction();
      producer.close(CLOSE_TIMEOUT);
    } catch (KafkaException e) {
      throw new ConnectException(
          "Failed to modify offsets for source connector " + connector + ": " + e.getMessage(), e);
    }
  }

  private Map<String, Object> producerConfig(String connector) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, new TaskId(connector, 0).transactionalId(groupId));
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "connector-offset-producer-" + connector);
    return config;
  }
}
