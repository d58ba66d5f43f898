package dev.wharf.connect.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka topic used as a replicated log: a producer appends records, and a consumer on its own
 * thread tails every partition from the beginning and hands each record, in partition order, to the
 * applier. {@link #readToEnd()} completes once every record that was in the topic when it was
 * called has been applied, so "append, wait for the ack, read to end" means "my own reader has
 * applied my write". The applier and the futures of {@code readToEnd} run on the reader thread:
 * they must not block on this log.
 */
public final class KafkaLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KafkaLog.class);
  private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

  private final String topic;
  private final Consumer<ConsumerRecord<byte[], byte[]>> applier;
  private final KafkaProducer<byte[], byte[]> producer;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Queue<CompletableFuture<Void>> newReadRequests = new ConcurrentLinkedQueue<>();
  private final List<CompletableFuture<Void>> readsWithoutTarget = new ArrayList<>();
  private final List<ReadRequest> pendingReads = new ArrayList<>();
  private final Thread reader;
  private volatile boolean running;

  /**
   * Creates the clients without connecting yet.
   *
   * @param clientConfig connection settings shared by producer and consumer ({@code
   *     bootstrap.servers}, security); serializers, offsets and acks are set here
   */
  public KafkaLog(
      String topic,
      Map<String, Object> clientConfig,
      Consumer<ConsumerRecord<byte[], byte[]>> applier) {
    this.topic = topic;
    this.applier = applier;
    this.producer = new KafkaProducer<>(producerConfig(clientConfig));
    this.consumer = new KafkaConsumer<>(consumerConfig(clientConfig));
    this.reader = new Thread(this::readLoop, "wharf-kafka-log-" + topic);
    this.reader.setDaemon(true);
  }

  private static Map<String, Object> producerConfig(Map<String, Object> clientConfig) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    // Idempotence keeps retried records in order: a later config must never land before an
    // earlier one.
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return config;
  }

  private static Map<String, Object> consumerConfig(Map<String, Object> clientConfig) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // Records of an aborted transactional write (exactly-once leaders) must never be applied.
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    return config;
  }

  /**
   * Assigns every partition of the topic, starts the reader and blocks until it has applied
   * everything already in the topic.
   *
   * @throws ConnectException if the topic has no partitions or the catch-up exceeds {@code timeout}
   */
  public void start(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
    // Metadata of a topic created a moment ago can lag behind; ask again until the deadline.
    while ((partitions == null || partitions.isEmpty()) && System.nanoTime() < deadline) {
      pause(Duration.ofMillis(100));
      partitions = consumer.partitionsFor(topic, timeout);
    }
    if (partitions == null || partitions.isEmpty()) {
      throw new ConnectException("Topic '" + topic + "' has no partitions; does it exist?");
    }
    List<TopicPartition> assignment = new ArrayList<>();
    for (PartitionInfo partition : partitions) {
      assignment.add(new TopicPartition(topic, partition.partition()));
    }
    consumer.assign(assignment);
    consumer.seekToBeginning(assignment);
    running = true;
    reader.start();
    long remaining = Math.max(0, deadline - System.nanoTime());
    try {
      readToEnd().get(remaining, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Interrupted while reading topic '" + topic + "'", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new ConnectException(
          "Could not read topic '" + topic + "' to its end within " + timeout.toMillis() + " ms",
          e);
    }
  }

  private void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Interrupted while waiting for topic '" + topic + "'", e);
    }
  }

  /** Appends one record; the future completes when Kafka acknowledged it. */
  public CompletableFuture<RecordMetadata> send(byte[] key, byte[] value) {
    CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
    // The callback reports the outcome through acked.
    Future<RecordMetadata> unused =
        producer.send(
            new ProducerRecord<>(topic, key, value),
            (metadata, error) -> {
              if (error == null) {
                acked.complete(metadata);
              } else {
                acked.completeExceptionally(
                    new ConnectException("Could not write to topic '" + topic + "'", error));
              }
            });
    return acked;
  }

  /** Completes once the reader has applied every record in the topic at the time of the call. */
  public CompletableFuture<Void> readToEnd() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!running) {
      done.completeExceptionally(
          new ConnectException("The log of topic '" + topic + "' is stopped"));
      return done;
    }
    newReadRequests.add(done);
    consumer.wakeup();
    if (!running) {
      // close() raced with us and may already have drained the queue.
      done.completeExceptionally(
          new ConnectException("The log of topic '" + topic + "' is stopped"));
    }
    return done;
  }

  private void readLoop() {
    try {
      while (running) {
        try {
          acceptReadRequests();
          completeCaughtUpReads();
          for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
            apply(record);
          }
          completeCaughtUpReads();
        } catch (WakeupException e) {
          // A new read request or close(); the loop handles both.
        } catch (RuntimeException e) {
          if (running) {
            log.warn("Error reading topic '{}'; retrying", topic, e);
          }
        }
      }
    } finally {
      ConnectException stopped = new ConnectException("The log of topic '" + topic + "' stopped");
      newReadRequests.forEach(f -> f.completeExceptionally(stopped));
      readsWithoutTarget.forEach(f -> f.completeExceptionally(stopped));
      pendingReads.forEach(r -> r.done.completeExceptionally(stopped));
      consumer.close();
    }
  }

  private void apply(ConsumerRecord<byte[], byte[]> record) {
    try {
      applier.accept(record);
    } catch (RuntimeException e) {
      log.error(
          "Skipping a record of topic '{}' partition {} offset {} that could not be applied",
          topic,
          record.partition(),
          record.offset(),
          e);
    }
  }

  // Requests are taken before the end offsets are fetched, so each request's target includes
  // every record acknowledged before it was made.
  private void acceptReadRequests() {
    CompletableFuture<Void> request;
    while ((request = newReadRequests.poll()) != null) {
      readsWithoutTarget.add(request);
    }
    if (readsWithoutTarget.isEmpty()) {
      return;
    }
    Map<TopicPartition, Long> endOffsets = consumer.endOffsets(consumer.assignment());
    for (CompletableFuture<Void> read : readsWithoutTarget) {
      pendingReads.add(new ReadRequest(endOffsets, read));
    }
    readsWithoutTarget.clear();
  }

  private void completeCaughtUpReads() {
    if (pendingReads.isEmpty()) {
      return;
    }
    Map<TopicPartition, Long> positions = new HashMap<>();
    for (TopicPartition partition : consumer.assignment()) {
      positions.put(partition, consumer.position(partition));
    }
    pendingReads.removeIf(
        request -> {
          boolean caughtUp =
              request.endOffsets.entrySet().stream()
                  .allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
          if (caughtUp) {
            request.done.complete(null);
          }
          return caughtUp;
        });
  }

  /** Stops the reader, failing reads still waiting, and closes both clients. */
  @Override
  public void close() {
    boolean wasRunning = running;
    running = false;
    if (wasRunning) {
      consumer.wakeup();
      try {
        reader.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else {
      consumer.close();
    }
    producer.close();
  }

  private record ReadRequest(Map<TopicPartition, Long> endOffsets, CompletableFuture<Void> done) {}
}
