package dev.wharf.proxy.produce;

import dev.wharf.proxy.metadata.ClusterAdmin;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How many partitions each topic has, as produce requests need to know before sending: an unknown
 * topic is 404/40401 and a partition beyond the count 404/40402, as with Confluent, instead of a
 * record that waits for metadata that never comes. Counts are cached for a few seconds so that
 * produce does not cost an admin round trip per request.
 */
public final class PartitionCounts {
  private static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(10);

  private record Entry(int count, long expiresAt) {}

  private final ClusterAdmin cluster;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  public PartitionCounts(ClusterAdmin cluster) {
    this.cluster = cluster;
  }

  /** The partition count of {@code topic}; fails with 404/40401 when the topic does not exist. */
  public CompletableFuture<Integer> of(String topic) {
    Entry entry = cache.get(topic);
    if (entry != null && entry.expiresAt - System.nanoTime() > 0) {
      return CompletableFuture.completedFuture(entry.count);
    }
    return cluster
        .describeTopic(topic)
        .thenApply(
            description -> {
              int count = description.partitions().size();
              cache.put(topic, new Entry(count, System.nanoTime() + TTL_NANOS));
              return count;
            });
  }

  /** Drops what is known of {@code topic}, after it was deleted or grew partitions. */
  public void forget(String topic) {
    cache.remove(topic);
  }
}
