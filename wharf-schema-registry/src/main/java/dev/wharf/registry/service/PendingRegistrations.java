package dev.wharf.registry.service;

import dev.wharf.registry.store.SchemaIdentity;
import dev.wharf.registry.store.SchemaVersion;
import dev.wharf.registry.store.StoreWrites;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Registrations sent to the schemas topic but not yet applied by this instance's reader. The writer
 * assigns ids and versions on top of them, so it can send the next registration without waiting for
 * the previous acknowledgement (Kafka keeps their order), and a second request for a schema in
 * flight waits for that write instead of writing again. Entries are added under the registry's
 * write lock and removed by whichever thread finished waiting.
 */
final class PendingRegistrations {
  /** One write on its way: the version it writes and the producer's future for it. */
  record Pending(SchemaVersion version, Future<RecordMetadata> sent) {}

  private final Map<String, NavigableMap<Integer, Pending>> bySubject = new ConcurrentHashMap<>();
  private final Map<SchemaIdentity, Integer> ids = new ConcurrentHashMap<>();

  /** The highest id ever handed out here; guarded by the registry's write lock. */
  private int highestId;

  void add(Pending pending) {
    SchemaVersion version = pending.version();
    bySubject
        .computeIfAbsent(version.subject(), s -> new ConcurrentSkipListMap<>())
        .put(version.version(), pending);
    ids.putIfAbsent(version.identity(), version.id());
    highestId = Math.max(highestId, version.id());
  }

  void remove(Pending pending) {
    SchemaVersion version = pending.version();
    NavigableMap<Integer, Pending> versions = bySubject.get(version.subject());
    if (versions != null) {
      versions.remove(version.version(), pending);
    }
    ids.remove(version.identity(), version.id());
  }

  /** The write in flight for this schema under this subject, if any. */
  Optional<Pending> find(String subject, SchemaIdentity identity) {
    NavigableMap<Integer, Pending> versions = bySubject.get(subject);
    if (versions == null) {
      return Optional.empty();
    }
    return versions.values().stream()
        .filter(p -> p.version().identity().equals(identity))
        .findFirst();
  }

  /** The subject's applied versions with the ones in flight on top. */
  NavigableMap<Integer, SchemaVersion> withPending(
      String subject, NavigableMap<Integer, SchemaVersion> applied) {
    NavigableMap<Integer, Pending> inFlight = bySubject.get(subject);
    if (inFlight == null || inFlight.isEmpty()) {
      return applied;
    }
    NavigableMap<Integer, SchemaVersion> merged = new TreeMap<>(applied);
    inFlight.forEach((number, pending) -> merged.put(number, pending.version()));
    return merged;
  }

  Optional<Integer> idOf(SchemaIdentity identity) {
    return Optional.ofNullable(ids.get(identity));
  }

  /** The next free id, above both the applied ones and the ones in flight. */
  int nextId(int appliedMax) {
    return Math.max(appliedMax, highestId) + 1;
  }

  /**
   * Waits until every write in flight is finished, successful or not; called under the write lock
   * by operations (deletes) that must see every registration applied.
   */
  void drain(StoreWrites writes) {
    List<Pending> all = new ArrayList<>();
    bySubject.values().forEach(versions -> all.addAll(versions.values()));
    for (Pending pending : all) {
      try {
        writes.await(pending.sent());
      } catch (RegistryException e) {
        // The registration that sent it reports the failure; here it only had to finish.
      } finally {
        remove(pending);
      }
    }
  }
}
