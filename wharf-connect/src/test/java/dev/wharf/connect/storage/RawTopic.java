package dev.wharf.connect.storage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Plain Kafka clients for tests that act as Apache Connect would: write records with hand-written
 * JSON and read back exactly what our stores wrote.
 */
final class RawTopic {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String bootstrapServers;
  private final String name;

  RawTopic(String bootstrapServers, String name) {
    this.bootstrapServers = bootstrapServers;
    this.name = name;
  }

  static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  static Map<String, Object> clientConfig(String bootstrapServers) {
    return Map.of("bootstrap.servers", bootstrapServers);
  }

  /** Creates the topic as Connect would, so records can be written before any store starts. */
  static RawTopic create(String bootstrapServers, StorageTopic topic) {
    try (Admin admin = Admin.create(clientConfig(bootstrapServers))) {
      StorageTopics.ensure(admin, topic, TIMEOUT);
    }
    return new RawTopic(bootstrapServers, topic.name());
  }

  /**
   * Appends one record of UTF-8 key and value (null value for a tombstone) and waits for the ack.
   */
  void send(String key, String value)
      throws InterruptedException, ExecutionException, TimeoutException {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
      producer
          .send(
              new ProducerRecord<>(
                  name,
                  key.getBytes(StandardCharsets.UTF_8),
                  value == null ? null : value.getBytes(StandardCharsets.UTF_8)))
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Every record of every partition, as "key => value" strings in partition then offset order. */
  List<String> readAll() {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(name, TIMEOUT).stream()
              .map(p -> new TopicPartition(name, p.partition()))
              .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
              .collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Could not read topic '" + name + "' to its end");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records.stream()
          .sorted(
              (a, b) ->
                  a.partition() != b.partition()
                      ? Integer.compare(a.partition(), b.partition())
                      : Long.compare(a.offset(), b.offset()))
          .map(r -> text(r.key()) + " => " + text(r.value()))
          .collect(Collectors.toList());
    }
  }

  private static String text(byte[] bytes) {
    return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
  }
}
