package dev.wharf.connect.worker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Source offsets held in memory, for tests of the worker alone. */
final class InMemoryOffsets implements SourceOffsetStore {
  private final Map<List<Object>, Map<String, Object>> offsets = new ConcurrentHashMap<>();

  @Override
  public Map<String, Object> offset(String connector, Map<String, ?> partition) {
    return offsets.get(List.of(connector, partition));
  }

  @Override
  public CompletableFuture<Void> write(
      String connector, Map<Map<String, ?>, Map<String, ?>> values) {
    values.forEach(
        (partition, offset) -> offsets.put(List.of(connector, partition), new HashMap<>(offset)));
    return CompletableFuture.completedFuture(null);
  }
}
