package dev.wharf.connect.jdbc;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends records with keys (and tombstones: a null value) to one partition, in order. */
final class KeyedRecords {
  private KeyedRecords() {}

  /** A record to send; {@code key} and {@code value} may be null. */
  record KeyValue(String key, String value) {}

  static KeyValue of(String key, String value) {
    return new KeyValue(key, value);
  }

  static void send(String bootstrapServers, String topic, List<KeyValue> records) {
    Map<String, Object> props =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      for (KeyValue record : records) {
        producer.send(new ProducerRecord<>(topic, 0, record.key(), record.value()));
      }
      producer.flush();
    }
  }
}
