package dev.wharf.connect.worker;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Source offsets of connectors as a source task reads and the worker writes them. */
public interface SourceOffsetStore {
  /** The latest offset stored for {@code partition} of {@code connector}, or {@code null}. */
  Map<String, Object> offset(String connector, Map<String, ?> partition);

  /** Stores offsets; completes when they are durable. */
  CompletableFuture<Void> write(String connector, Map<Map<String, ?>, Map<String, ?>> offsets);
}
