package dev.wharf.registry.store;

import dev.wharf.registry.service.RegistryError;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code _schemas} topic as the registry's log: a reader thread tails its one partition from
 * the beginning into {@link RegistryState}, and writes return only once that reader has applied
 * them, so a write's effect is visible to the very next request. The producer uses {@code acks=all}
 * without retries, as Confluent's does: a failed write is reported, never silently duplicated.
 */
public final class KafkaStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaStore.class);

  private final TopicPartition partition;
  private final Map<String, Object> clientSettings;
  private final RegistryState state;
  private final Duration timeout;
  private final Object progress = new Object();
  private Admin admin;
  private KafkaProducer<byte[], byte[]> producer;
  private KafkaConsumer<byte[], byte[]> consumer;
  private Thread reader;
  private volatile boolean running;
  private volatile RuntimeException readerFailure;

  /** The offset of the next record the reader will apply. */
  private long applied;

  /**
   * @param topic the schemas topic, which must exist with one partition
   * @param clientSettings settings shared by the admin, producer and consumer ({@code
   *     bootstrap.servers} and security)
   * @param timeout how long a write waits for Kafka's acknowledgement and for the reader
   */
  public KafkaStore(
      String topic, Map<String, Object> clientSettings, RegistryState state, Duration timeout) {
    this.partition = new TopicPartition(topic, 0);
    this.clientSettings = Map.copyOf(clientSettings);
    this.state = state;
    this.timeout = timeout;
  }

  /** Starts the reader and returns once it has applied everything the topic held. */
  public void start(Duration initTimeout) {
    admin = Admin.create(clientSettings);
    Map<String, Object> producerSettings = new HashMap<>(clientSettings);
    producerSettings.put(ProducerConfig.ACKS_CONFIG, "all");
    producerSettings.put(ProducerConfig.RETRIES_CONFIG, 0);
    producerSettings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    producerSettings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    producer =
        new KafkaProducer<>(producerSettings, new ByteArraySerializer(), new ByteArraySerializer());
    Map<String, Object> consumerSettings = new HashMap<>(clientSettings);
    consumerSettings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerSettings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumer =
        new KafkaConsumer<>(
            consumerSettings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
    running = true;
    reader = new Thread(this::read, "schema-registry-reader-" + partition.topic());
    reader.setDaemon(true);
    reader.start();
    awaitApplied(endOffset(initTimeout), initTimeout);
  }

  private void read() {
    try {
      while (running) {
        var records = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<byte[], byte[]> record : records) {
          if (record.key() != null) {
            state.apply(record.key(), record.value());
          }
        }
        long position = consumer.position(partition);
        synchronized (progress) {
          applied = position;
          progress.notifyAll();
        }
      }
    } catch (WakeupException e) {
      // close() woke the consumer up.
    } catch (RuntimeException e) {
      LOG.error("the reader of {} stopped", partition.topic(), e);
      readerFailure = e;
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  /**
   * Appends a record and returns once the reader has applied it.
   *
   * @throws dev.wharf.registry.service.RegistryException 50001 when Kafka refused the write, 50002
   *     when it or the reader took longer than the timeout
   */
  public void write(byte[] key, byte[] value) {
    await(send(key, value));
  }

  /**
   * Starts appending a record; {@link #await} finishes the write. Records sent one after another
   * are written in that order, so a writer may send the next before the previous is acknowledged.
   *
   * @throws dev.wharf.registry.service.RegistryException 50001 when the producer refuses the record
   *     outright (too large, closed)
   */
  public Future<RecordMetadata> send(byte[] key, byte[] value) {
    try {
      return producer.send(new ProducerRecord<>(partition.topic(), 0, key, value));
    } catch (KafkaException e) {
      throw RegistryError.STORE_ERROR.exception(
          "Error while writing to the Kafka store (topic "
              + partition.topic()
              + "): "
              + e.getMessage());
    }
  }

  /**
   * Returns once a sent record is acknowledged and applied by the reader.
   *
   * @throws dev.wharf.registry.service.RegistryException 50001 when Kafka refused the write, 50002
   *     when it or the reader took longer than the timeout
   */
  public void await(Future<RecordMetadata> sent) {
    RecordMetadata metadata;
    try {
      metadata = sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw RegistryError.STORE_TIMEOUT.exception(
          "Write to the Kafka store (topic " + partition.topic() + ") timed out");
    } catch (ExecutionException e) {
      throw RegistryError.STORE_ERROR.exception(
          "Error while writing to the Kafka store (topic "
              + partition.topic()
              + "): "
              + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryError.STORE_ERROR.exception("Interrupted while writing to the Kafka store");
    }
    awaitApplied(metadata.offset() + 1, timeout);
  }

  /** Returns once the reader has applied every record written to the topic so far. */
  public void catchUp() {
    awaitApplied(endOffset(timeout), timeout);
  }

  private long endOffset(Duration wait) {
    try {
      return admin
          .listOffsets(Map.of(partition, OffsetSpec.latest()))
          .partitionResult(partition)
          .get(wait.toMillis(), TimeUnit.MILLISECONDS)
          .offset();
    } catch (TimeoutException e) {
      throw RegistryError.STORE_TIMEOUT.exception(
          "Timed out reading the end offset of " + partition.topic());
    } catch (ExecutionException e) {
      throw RegistryError.STORE_ERROR.exception(
          "Cannot read the end offset of " + partition.topic() + ": " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryError.STORE_ERROR.exception("Interrupted reading the Kafka store");
    }
  }

  private void awaitApplied(long offset, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    synchronized (progress) {
      while (applied < offset) {
        if (readerFailure != null) {
          throw RegistryError.STORE_ERROR.exception(
              "The reader of " + partition.topic() + " failed: " + readerFailure.getMessage());
        }
        long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remaining <= 0) {
          throw RegistryError.STORE_TIMEOUT.exception(
              "Timed out waiting for the reader of "
                  + partition.topic()
                  + " to reach offset "
                  + offset);
        }
        try {
          progress.wait(remaining);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw RegistryError.STORE_ERROR.exception("Interrupted waiting for the Kafka store");
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    if (consumer != null) {
      consumer.wakeup();
    }
    if (reader != null) {
      try {
        reader.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (consumer != null) {
      consumer.close();
      consumer = null;
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
      admin = null;
    }
  }
}
