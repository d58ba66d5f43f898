package dev.wharf.proxy.produce;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
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
 * sends wait up to {@code max.block.ms} and then fail per record.
 */
public final class SharedProducer implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;

  public SharedProducer(Map<String, Object> settings) {
    Map<String, Object> config = new HashMap<>();
    // Batching across requests is the point of sharing one producer; a short linger lets
    // concurrent requests fill a batch without adding noticeable latency.
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    // A request for a topic that disappeared must fail in seconds, not the default minute.
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "wharf-rest-proxy-producer");
    config.putAll(settings);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    this.producer = new KafkaProducer<>(config);
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
                if (error != null) {
                  result.completeExceptionally(error);
                } else {
                  result.complete(metadata);
                }
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
  }
}
