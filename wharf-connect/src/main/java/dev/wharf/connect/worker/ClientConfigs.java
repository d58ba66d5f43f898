package dev.wharf.connect.worker;

import dev.wharf.connect.storage.TaskId;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka client settings for tasks: the worker's {@code producer.*} / {@code consumer.*} / {@code
 * admin.*} settings, then the connector's overrides that the override policy allowed.
 */
final class ClientConfigs {
  private ClientConfigs() {}

  /**
   * Source task producers: idempotent with acks=all, so up to five batches may be in flight per
   * connection without reordering or duplicating records (Apache limits itself to one, which costs
   * throughput without adding safety).
   */
  static Map<String, Object> producer(
      Map<String, String> worker, TaskId id, Map<String, Object> overrides) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, worker.get("bootstrap.servers"));
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(128 * 1024));
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Integer.MAX_VALUE));
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "connector-producer-" + id);
    props.putAll(withPrefix(worker, "producer."));
    props.putAll(overrides);
    return props;
  }

  static Map<String, Object> consumer(
      Map<String, String> worker, TaskId id, Map<String, Object> overrides) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, worker.get("bootstrap.servers"));
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "connect-" + id.connector());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "connector-consumer-" + id);
    // Larger batches per put() than Kafka's default of 500 cut per-batch overhead in sinks.
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    // The consumer reads its socket only inside poll(): while the task converts and puts a batch,
    // the next fetch response can only land in the socket's receive buffer. 1 MiB (Kafka: 64 KiB)
    // lets a whole fetch arrive meanwhile, and 2 MiB per partition (Kafka: 1 MiB) halves the
    // fetch round trips a sink waits for when it works through a backlog.
    props.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, String.valueOf(1024 * 1024));
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(2 * 1024 * 1024));
    props.putAll(withPrefix(worker, "consumer."));
    props.putAll(overrides);
    return props;
  }

  static Map<String, Object> admin(Map<String, String> worker) {
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", worker.get("bootstrap.servers"));
    props.putAll(withPrefix(worker, "admin."));
    return props;
  }

  /** A DLQ producer: the worker's producer settings and the connector's producer overrides. */
  static Map<String, Object> deadLetterProducer(
      Map<String, String> worker, TaskId id, Map<String, Object> overrides) {
    Map<String, Object> props = producer(worker, id, overrides);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "connector-dlq-producer-" + id);
    return props;
  }

  static Map<String, String> withPrefix(Map<String, String> config, String prefix) {
    Map<String, String> result = new HashMap<>();
    config.forEach(
        (key, value) -> {
          if (key.startsWith(prefix)) {
            result.put(key.substring(prefix.length()), value);
          }
        });
    return result;
  }
}
