package dev.wharf.connect.storage;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Where source connectors' offsets live, per connector and source partition, in Apache Connect's
 * format. Reads answer from a view of what has been read so far; call {@link #refresh()} first to
 * include every write made before (by any worker). Sink offsets are not here: they are the consumer
 * group offsets of the sink's group.
 */
public interface OffsetStore extends AutoCloseable {

  /** Loads the stored offsets. */
  void start();

  /** The offset last stored for one partition of a connector, or null when none. */
  Map<String, Object> offset(String connector, Map<String, ?> partition);

  /** Every partition of the connector with its offset (values read back: integers as Long). */
  Map<Map<String, Object>, Map<String, Object>> offsets(String connector);

  /**
   * Stores a batch of offsets of one connector; a null offset forgets its partition. The future
   * completes when the whole batch is durable (acknowledged by Kafka, or written to the file).
   *
   * @throws org.apache.kafka.connect.errors.DataException at once, writing nothing, if a partition
   *     or offset is not a map of string keys to primitive values
   */
  CompletableFuture<Void> write(
      String connector, Map<? extends Map<String, ?>, ? extends Map<String, ?>> offsets);

  /**
   * Told after an exactly-once task committed {@code offsets} to this store's topic inside its
   * transaction; a store on a connector's own topic copies them to the worker's topic.
   */
  default void afterTransaction(
      String connector, Map<? extends Map<String, ?>, ? extends Map<String, ?>> offsets) {}

  /** Completes once the view includes every write made to the storage before the call. */
  CompletableFuture<Void> refresh();

  @Override
  void close();
}
