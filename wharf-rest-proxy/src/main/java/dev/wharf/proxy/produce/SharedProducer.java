package dev.wharf.proxy.produce;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The one Kafka producer every produce request of the proxy shares, so records from concurrent
 * requests are batched together. {@link #send} never waits for the broker: its future completes on
 * the producer's I/O thread when Kafka acknowledges, and the HTTP response completes from there.
 * Its bounded buffer ({@code buffer.memory}) is what keeps memory flat under load: when it is full,
 * sends wait up to {@code max.block.ms} and then fail per record. What follows an acknowledgement
 * (building and writing the HTTP response) runs on {@link #completions()}, never on the I/O thread,
 * which every request shares and which must only move records.
 */
public final class SharedProducer implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final ExecutorService completions;

  public SharedProducer(Map<String, Object> settings) {
    Map<String, Object> config = new HashMap<>();
    // Batching across requests is the point of sharing one producer; a short linger lets
    // concurrent requests fill a batch without adding noticeable latency.
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    // The producer sends at most one batch per partition in each request and keeps five requests
    // in flight, so the batch size caps what one busy partition can take: 16 KiB (Kafka's default)
    // held a single topic-partition to ~60,000 records/s of 200 B; 128 KiB lifts that. The buffer
    // doubles so that 512 partitions can each fill a batch at once.
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
    config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
    // A request for a topic that disappeared must fail in seconds, not the default minute.
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "wharf-rest-proxy-producer");
    config.putAll(settings);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    this.producer = new KafkaProducer<>(config);
    AtomicInteger threads = new AtomicInteger();
    this.completions =
        Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            runnable -> {
              Thread thread =
                  new Thread(
                      runnable, "wharf-proxy-produce-completion-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Where work that follows an acknowledgement runs. Its queue holds at most one task per request
   * in flight, and requests in flight are bounded by the producer's buffer.
   */
  public Executor completions() {
    return completions;
  }

  /**
   * Sends one record; {@code callback} runs on the producer's I/O thread when Kafka answers, or on
   * the calling thread when the record fails before it is queued (its size, say). Keep it short.
   */
  public void send(ProducerRecord<byte[], byte[]> record, Callback callback) {
    try {
      Future<RecordMetadata> unused = producer.send(record, callback);
    } catch (RuntimeException e) {
      callback.onCompletion(null, e);
    }
  }

  /** Sends one record; the future fails with the Kafka exception when the record is rejected. */
  public CompletableFuture<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
    CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
    try {
      // The callback completes the result; the returned Future adds nothing.
      Future<RecordMetadata> unused =
          producer.send(
              record,
              (metadata, error) -> {
                completions.execute(
                    () -> {
                      if (error != null) {
                        result.completeExceptionally(error);
                      } else {
                        result.complete(metadata);
                      }
                    });
              });
    } catch (RuntimeException e) {
      // Serialization, size and metadata failures are thrown synchronously; they belong to this
      // record alone, like an asynchronous failure.
      result.completeExceptionally(e);
    }
    return result;
  }

  @Override
  public void close() {
    producer.close();
    completions.shutdown();
  }
}
