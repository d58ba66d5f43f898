package dev.wharf.connect.storage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offsets of a source connector that has its own {@code offsets.storage.topic} (KIP-618): the
 * connector's topic is read first and the worker's global offsets topic is the fallback for
 * partitions the connector's topic does not hold. Writes go to the connector's topic; the worker's
 * topic gets a copy afterwards (a failed copy is only logged), except tombstones, which reach the
 * worker's topic first so that a reset partition cannot fall back to a stale global offset. Neither
 * store is started or closed here: {@link ConnectorOffsetStores} owns them.
 */
final class ConnectorOffsetStore implements OffsetStore {
  private static final Logger log = LoggerFactory.getLogger(ConnectorOffsetStore.class);

  private final OffsetStore connectorStore;
  private final OffsetStore workerStore;
  private final String topic;

  ConnectorOffsetStore(OffsetStore connectorStore, OffsetStore workerStore, String topic) {
    this.connectorStore = connectorStore;
    this.workerStore = workerStore;
    this.topic = topic;
  }

  @Override
  public void start() {}

  @Override
  public Map<String, Object> offset(String connector, Map<String, ?> partition) {
    Map<String, Object> own = connectorStore.offset(connector, partition);
    return own != null ? own : workerStore.offset(connector, partition);
  }

  @Override
  public Map<Map<String, Object>, Map<String, Object>> offsets(String connector) {
    Map<Map<String, Object>, Map<String, Object>> result =
        new LinkedHashMap<>(workerStore.offsets(connector));
    result.putAll(connectorStore.offsets(connector));
    return result;
  }

  @Override
  public CompletableFuture<Void> write(
      String connector, Map<? extends Map<String, ?>, ? extends Map<String, ?>> offsets) {
    Map<Map<String, ?>, Map<String, ?>> tombstones = new LinkedHashMap<>();
    Map<Map<String, ?>, Map<String, ?>> regular = new LinkedHashMap<>();
    offsets.forEach(
        (partition, offset) -> (offset == null ? tombstones : regular).put(partition, offset));
    CompletableFuture<Void> first =
        tombstones.isEmpty()
            ? CompletableFuture.completedFuture(null)
            : workerStore.write(connector, tombstones);
    return first
        .thenCompose(ignored -> connectorStore.write(connector, offsets))
        .thenRun(() -> copyToWorkerStore(connector, regular));
  }

  @Override
  public void afterTransaction(
      String connector, Map<? extends Map<String, ?>, ? extends Map<String, ?>> offsets) {
    copyToWorkerStore(connector, offsets);
  }

  private void copyToWorkerStore(
      String connector, Map<? extends Map<String, ?>, ? extends Map<String, ?>> offsets) {
    if (offsets.isEmpty()) {
      return;
    }
    workerStore
        .write(connector, offsets)
        .whenComplete(
            (ignored, error) -> {
              if (error != null) {
                log.warn(
                    "Connector '{}': offsets written to '{}' could not be copied to the worker's"
                        + " offsets topic",
                    connector,
                    topic,
                    error);
              }
            });
  }

  @Override
  public CompletableFuture<Void> refresh() {
    return CompletableFuture.allOf(workerStore.refresh(), connectorStore.refresh());
  }

  @Override
  public void close() {}
}
