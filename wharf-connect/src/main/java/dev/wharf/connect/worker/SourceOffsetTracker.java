package dev.wharf.connect.worker;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Tracks the source records a task has handed to the producer, per source partition and in order,
 * so that only offsets whose record and every earlier record of the same partition were
 * acknowledged by Kafka get committed. A record that failed is never acknowledged, so nothing past
 * it is committed and it is re-read after a restart: data already accepted is never dropped.
 */
final class SourceOffsetTracker {
  /** One submitted record; {@link #ack()} may be called from the producer's thread. */
  static final class Submitted {
    private final Map<String, ?> partition;
    private final Map<String, ?> offset;
    private volatile boolean acked;

    private Submitted(Map<String, ?> partition, Map<String, ?> offset) {
      this.partition = partition;
      this.offset = offset;
    }

    void ack() {
      acked = true;
    }
  }

  private final Map<Map<String, ?>, Deque<Submitted>> pending = new HashMap<>();
  // Tasks hand over the same partition map record after record: its queue without hashing it.
  private Map<String, ?> lastPartition;
  private Deque<Submitted> lastQueue;

  /** Registers a record in submission order; call from the task's thread only. */
  synchronized Submitted submit(Map<String, ?> partition, Map<String, ?> offset) {
    Submitted submitted = new Submitted(partition, offset);
    if (partition != null && offset != null) {
      if (partition != lastPartition) {
        lastQueue = pending.computeIfAbsent(partition, p -> new ArrayDeque<>());
        lastPartition = partition;
      }
      lastQueue.addLast(submitted);
    }
    return submitted;
  }

  /**
   * Removes the acknowledged prefix of every partition and answers the latest offset of each such
   * prefix: what may now be written to the offset store.
   */
  synchronized Map<Map<String, ?>, Map<String, ?>> takeCommittable() {
    Map<Map<String, ?>, Map<String, ?>> committable = new HashMap<>();
    pending
        .values()
        .forEach(
            queue -> {
              Submitted done = null;
              while (!queue.isEmpty() && queue.peekFirst().acked) {
                done = queue.removeFirst();
              }
              if (done != null) {
                committable.put(done.partition, done.offset);
              }
            });
    if (pending.values().removeIf(Deque::isEmpty)) {
      lastPartition = null;
      lastQueue = null;
    }
    return committable;
  }

  /** Whether any submitted record with an offset still waits for its acknowledgement. */
  synchronized boolean hasUnacknowledged() {
    return pending.values().stream().anyMatch(queue -> !queue.isEmpty());
  }
}
