package dev.wharf.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The raw kafka-clients limits: a tuned producer and a default consumer, in this process. */
final class RawClients {
  private RawClients() {}

  /**
   * The settings of a producer tuned for throughput, as a user would tune it: acks=all, linger.ms
   * 5, batch.size 256 KiB, byte-array serializers.
   */
  static Map<String, Object> tunedProducer(String bootstrap) {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrap,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
        ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
        ByteArraySerializer.class,
        ProducerConfig.ACKS_CONFIG,
        "all",
        ProducerConfig.LINGER_MS_CONFIG,
        5,
        ProducerConfig.BATCH_SIZE_CONFIG,
        256 * 1024);
  }

  /**
   * Records/s of the {@link #tunedProducer tuned producer} sending {@code records} of the proxy
   * benchmark's JSON values, without keys, including its flush.
   */
  static double produce(String bootstrap, String topic, int records, int valueBytes) {
    return produceMeasured(bootstrap, topic, records, valueBytes).recordsPerSecond();
  }

  /** The same with {@code values} taken in turn. */
  static double produce(String bootstrap, String topic, int records, byte[][] values) {
    return produceMeasured(bootstrap, topic, records, values).recordsPerSecond();
  }

  /**
   * What one raw produce phase measured: its rate, and the CPU time of the producer's own threads
   * (the sending thread and the producer's I/O thread; not the broker's, which shares this JVM).
   */
  record Sent(double recordsPerSecond, double cpuSeconds) {}

  /** As {@link #produce(String, String, int, int)}, with the producer's CPU time. */
  static Sent produceMeasured(String bootstrap, String topic, int records, int valueBytes) {
    byte[][] values = new byte[100][];
    for (int i = 0; i < values.length; i++) {
      values[i] = ProxyLoad.value(i, valueBytes);
    }
    return produceMeasured(bootstrap, topic, records, values);
  }

  private static Sent produceMeasured(
      String bootstrap, String topic, int records, byte[][] values) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(tunedProducer(bootstrap))) {
      // Metadata first, so that the clock measures sending rather than connecting.
      producer.partitionsFor(topic);
      long ioThread = ioThreadId(before);
      long cpuBefore = threads.getCurrentThreadCpuTime() + threads.getThreadCpuTime(ioThread);
      long start = System.nanoTime();
      for (int i = 0; i < records; i++) {
        producer.send(new ProducerRecord<>(topic, values[i % values.length]));
      }
      producer.flush();
      double seconds = (System.nanoTime() - start) / 1e9;
      long cpuAfter = threads.getCurrentThreadCpuTime() + threads.getThreadCpuTime(ioThread);
      return new Sent(records / seconds, (cpuAfter - cpuBefore) / 1e9);
    }
  }

  /** The id of the producer I/O thread that started since {@code before} was taken. */
  private static long ioThreadId(Set<Thread> before) {
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (!before.contains(thread)
          && thread.getName().startsWith("kafka-producer-network-thread")) {
        return thread.getId();
      }
    }
    throw new IllegalStateException("the producer's I/O thread did not start");
  }

  /** Records/s of a consumer with Kafka's defaults reading partition 0 of {@code topic}. */
  static double consume(String bootstrap, String topic, long records) {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    TopicPartition partition = new TopicPartition(topic, 0);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long start = System.nanoTime();
      long count = 0;
      while (count < records) {
        count += consumer.poll(Duration.ofMillis(500)).count();
      }
      return records / ((System.nanoTime() - start) / 1e9);
    }
  }
}
