package dev.wharf.registry.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.http.Json;
import dev.wharf.registry.schema.CompatibilityLevel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory indexes built from the {@code _schemas} topic: versions by subject, schemas by id,
 * ids by schema identity, and the compatibility and mode settings. Only the store's reader thread
 * applies records, in log order; request threads read concurrently without locks.
 */
public final class RegistryState {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryState.class);

  /** The key under which the global config and mode are held. */
  private static final String GLOBAL = "";

  private final Map<String, NavigableMap<Integer, SchemaVersion>> subjects =
      new ConcurrentHashMap<>();
  private final Map<Integer, Map<String, SchemaVersion>> byId = new ConcurrentHashMap<>();
  private final Map<SchemaIdentity, Integer> idByIdentity = new ConcurrentHashMap<>();
  private final Map<String, CompatibilityLevel> compatibility = new ConcurrentHashMap<>();
  private final Map<String, Mode> modes = new ConcurrentHashMap<>();
  private final AtomicInteger maxId = new AtomicInteger();

  /** Applies one record of the topic; records it cannot read are logged and skipped. */
  void apply(byte[] keyBytes, byte[] valueBytes) {
    JsonNode key;
    JsonNode value;
    try {
      key = Json.mapper().readTree(keyBytes);
      value = valueBytes == null ? null : Json.mapper().readTree(valueBytes);
    } catch (IOException e) {
      LOG.warn("skipping an unreadable record of the schemas topic: {}", e.getMessage());
      return;
    }
    if (key == null) {
      return;
    }
    String keytype = key.path("keytype").asText("");
    String subject = key.hasNonNull("subject") ? key.get("subject").asText() : null;
    switch (keytype) {
      case RecordFormat.SCHEMA -> applySchema(subject, key.path("version").asInt(), value);
      case RecordFormat.CONFIG -> applyConfig(subject, value);
      case RecordFormat.MODE -> applyMode(subject, value);
      case RecordFormat.DELETE_SUBJECT -> applyDeleteSubject(subject, value);
      case RecordFormat.CLEAR_SUBJECT -> applyClearSubject(subject, value);
      default -> {
        // NOOP records only mark a position; CONTEXT and newer key types carry nothing we serve.
      }
    }
  }

  private void applySchema(String subject, int version, JsonNode value) {
    if (subject == null) {
      return;
    }
    String slot = subject + "\u0000" + version;
    NavigableMap<Integer, SchemaVersion> versions =
        subjects.computeIfAbsent(subject, s -> new ConcurrentSkipListMap<>());
    SchemaVersion previous = versions.get(version);
    if (previous != null) {
      Map<String, SchemaVersion> holders = byId.get(previous.id());
      if (holders != null) {
        holders.remove(slot);
        if (holders.isEmpty()) {
          byId.remove(previous.id());
        }
      }
    }
    if (value == null) {
      versions.remove(version);
      if (versions.isEmpty()) {
        subjects.remove(subject);
      }
      return;
    }
    SchemaVersion schema = RecordFormat.readSchema(subject, version, value);
    versions.put(version, schema);
    byId.computeIfAbsent(schema.id(), id -> new ConcurrentHashMap<>()).put(slot, schema);
    idByIdentity.putIfAbsent(schema.identity(), schema.id());
    maxId.accumulateAndGet(schema.id(), Math::max);
  }

  private void applyConfig(String subject, JsonNode value) {
    String slot = subject == null ? GLOBAL : subject;
    CompatibilityLevel level =
        value == null
            ? null
            : CompatibilityLevel.fromName(value.path("compatibilityLevel").asText(null));
    if (level == null) {
      compatibility.remove(slot);
    } else {
      compatibility.put(slot, level);
    }
  }

  private void applyMode(String subject, JsonNode value) {
    String slot = subject == null ? GLOBAL : subject;
    Mode mode = value == null ? null : Mode.fromName(value.path("mode").asText(null));
    if (mode == null) {
      modes.remove(slot);
    } else {
      modes.put(slot, mode);
    }
  }

  /** Versions 1..N of the subject become soft-deleted. */
  private void applyDeleteSubject(String subject, JsonNode value) {
    if (subject == null || value == null) {
      return;
    }
    int upTo = value.path("version").asInt(Integer.MAX_VALUE);
    NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
    if (versions == null) {
      return;
    }
    for (SchemaVersion schema : new ArrayList<>(versions.headMap(upTo, true).values())) {
      if (!schema.deleted()) {
        SchemaVersion deleted = schema.withDeleted(true);
        versions.put(schema.version(), deleted);
        Map<String, SchemaVersion> holders = byId.get(schema.id());
        if (holders != null) {
          holders.put(subject + "\u0000" + schema.version(), deleted);
        }
      }
    }
  }

  /** Written by Confluent when switching to IMPORT: the subject's versions are gone. */
  private void applyClearSubject(String subject, JsonNode value) {
    if (subject == null || value == null) {
      return;
    }
    NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
    if (versions != null) {
      for (Integer version : new ArrayList<>(versions.keySet())) {
        applySchema(subject, version, null);
      }
    }
  }

  /** Every version of {@code subject}, oldest first, deleted ones included; empty when none. */
  public NavigableMap<Integer, SchemaVersion> versions(String subject) {
    NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
    return versions == null ? Collections.emptyNavigableMap() : versions;
  }

  /** The subjects that have at least one version, deleted ones included. */
  public List<String> subjects() {
    List<String> names = new ArrayList<>(subjects.keySet());
    Collections.sort(names);
    return names;
  }

  /** The versions that hold schema {@code id}, in subject and version order. */
  public List<SchemaVersion> versionsWithId(int id) {
    Map<String, SchemaVersion> holders = byId.get(id);
    if (holders == null) {
      return List.of();
    }
    List<SchemaVersion> result = new ArrayList<>(holders.values());
    result.sort(
        (a, b) ->
            a.subject().equals(b.subject())
                ? Integer.compare(a.version(), b.version())
                : a.subject().compareTo(b.subject()));
    return result;
  }

  /** Any version holding schema {@code id}, for its text, type and references. */
  public Optional<SchemaVersion> schemaById(int id) {
    Map<String, SchemaVersion> holders = byId.get(id);
    if (holders == null) {
      return Optional.empty();
    }
    // The lookup clients make most: an iterator, not a stream, per request.
    Iterator<SchemaVersion> first = holders.values().iterator();
    return first.hasNext() ? Optional.of(first.next()) : Optional.empty();
  }

  /** The id this schema was ever given, even when every version holding it was deleted since. */
  public Optional<Integer> idOf(SchemaIdentity identity) {
    return Optional.ofNullable(idByIdentity.get(identity));
  }

  public int maxId() {
    return maxId.get();
  }

  /** The subject's own compatibility level, or the global one when {@code subject} is null. */
  public Optional<CompatibilityLevel> compatibility(String subject) {
    return Optional.ofNullable(compatibility.get(subject == null ? GLOBAL : subject));
  }

  /** The subject's own mode, or the global one when {@code subject} is null. */
  public Optional<Mode> mode(String subject) {
    return Optional.ofNullable(modes.get(subject == null ? GLOBAL : subject));
  }
}
