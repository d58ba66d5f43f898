package dev.wharf.registry.service;

import dev.wharf.registry.schema.CompatibilityLevel;
import dev.wharf.registry.schema.ParsedSchema;
import dev.wharf.registry.service.PendingRegistrations.Pending;
import dev.wharf.registry.store.Mode;
import dev.wharf.registry.store.RegistryState;
import dev.wharf.registry.store.SchemaIdentity;
import dev.wharf.registry.store.SchemaVersion;
import dev.wharf.registry.store.StoreWrites;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

/**
 * The registry's schema operations: register, look up, test compatibility and delete. Reads answer
 * from the in-memory state; writes are serialized by one lock, catch up with the log first, and
 * return after this instance has applied their record, so that a registration answers an id that
 * any following request sees, and the same schema always gets the same id.
 */
public final class Registry {
  private final RegistryState state;
  private final StoreWrites writes;
  private final Settings settings;
  private final Schemas schemas;
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private final PendingRegistrations pending = new PendingRegistrations();
  private final IntSupplier leadershipTerm;

  /** The term this instance last caught up in; guarded by {@link #writeLock}. */
  private int caughtUpTerm = Integer.MIN_VALUE;

  /**
   * @param leadershipTerm changes whenever the group elects (again); while it stays the same this
   *     instance has been the only writer since it last caught up with the log
   */
  public Registry(
      RegistryState state, StoreWrites writes, Settings settings, IntSupplier leadershipTerm) {
    this.state = state;
    this.writes = writes;
    this.settings = settings;
    this.leadershipTerm = leadershipTerm;
    this.schemas = new Schemas(state);
  }

  /**
   * Makes sure every earlier write, another instance's included, is applied: a round trip to Kafka
   * after each election, nothing while this instance stays the one writer. Called under the lock.
   */
  private void catchUp() {
    int term = leadershipTerm.getAsInt();
    if (term != caughtUpTerm) {
      writes.catchUp();
      caughtUpTerm = term;
    }
  }

  public RegistryState state() {
    return state;
  }

  /**
   * Registers {@code request} under {@code subject} and returns its global id. The id and version
   * are assigned and the record sent under the write lock; the wait for Kafka and the reader
   * happens outside it, so concurrent registrations share round trips to Kafka.
   */
  public int register(String subject, SchemaRequest request) {
    Subjects.validate(subject);
    ParsedSchema parsed = schemas.parse(request);
    SchemaIdentity identity =
        new SchemaIdentity(parsed.type(), parsed.canonical(), request.references());
    Optional<Integer> known = existingUndeleted(subject, identity);
    if (known.isPresent()) {
      return known.get();
    }
    Pending sent;
    writeLock.lock();
    try {
      catchUp();
      known = existingUndeleted(subject, identity);
      if (known.isPresent()) {
        return known.get();
      }
      Optional<Pending> inFlight = pending.find(subject, identity);
      sent = inFlight.isPresent() ? inFlight.get() : send(subject, request, parsed, identity);
    } finally {
      writeLock.unlock();
    }
    try {
      writes.await(sent.sent());
    } finally {
      pending.remove(sent);
    }
    return sent.version().id();
  }

  /** Checks, assigns the id and version, and sends the record; called under the write lock. */
  private Pending send(
      String subject, SchemaRequest request, ParsedSchema parsed, SchemaIdentity identity) {
    Mode mode = settings.effectiveMode(subject);
    if (!mode.acceptsWrites()) {
      throw RegistryError.OPERATION_NOT_PERMITTED.exception(
          "Subject " + subject + " is in " + mode + " mode");
    }
    NavigableMap<Integer, SchemaVersion> versions =
        pending.withPending(subject, state.versions(subject));
    if (mode != Mode.IMPORT) {
      // Imports copy another registry's history as it is, so they skip compatibility.
      CompatibilityLevel level = settings.effectiveCompatibility(subject);
      List<String> problems = level.check(parsed, previous(versions));
      if (!problems.isEmpty()) {
        throw RegistryError.INCOMPATIBLE_SCHEMA.exception(
            "Schema being registered is incompatible with an earlier schema for subject \""
                + subject
                + "\", details: "
                + problems);
      }
    }
    int id;
    int version = versions.isEmpty() ? 1 : versions.lastKey() + 1;
    if (mode == Mode.IMPORT && request.id() != null) {
      id = request.id();
      Optional<SchemaVersion> holder = state.schemaById(id);
      if (holder.isPresent() && !holder.get().identity().equals(identity)) {
        throw RegistryError.ID_MISMATCH.exception(
            "Overwrite new schema with id "
                + id
                + " is not permitted: the id holds another schema");
      }
      if (request.version() != null) {
        version = request.version();
      }
    } else {
      id =
          state
              .idOf(identity)
              .or(() -> pending.idOf(identity))
              .orElseGet(() -> pending.nextId(state.maxId()));
    }
    SchemaVersion schema =
        new SchemaVersion(
            subject, version, id, parsed.type(), parsed.canonical(), request.references(), false);
    Pending sent = new Pending(schema, writes.sendSchema(schema));
    pending.add(sent);
    return sent;
  }

  private Optional<Integer> existingUndeleted(String subject, SchemaIdentity identity) {
    for (SchemaVersion version : state.versions(subject).values()) {
      if (!version.deleted() && version.identity().equals(identity)) {
        return Optional.of(version.id());
      }
    }
    return Optional.empty();
  }

  /** The undeleted versions' schemas, newest first. */
  private List<ParsedSchema> previous(NavigableMap<Integer, SchemaVersion> versions) {
    List<ParsedSchema> result = new ArrayList<>();
    for (SchemaVersion version : versions.descendingMap().values()) {
      if (!version.deleted()) {
        result.add(schemas.parse(version));
      }
    }
    return result;
  }

  /** The version of {@code subject} that holds the schema of {@code request}. */
  public SchemaVersion lookup(String subject, SchemaRequest request, boolean includeDeleted) {
    NavigableMap<Integer, SchemaVersion> versions = state.versions(subject);
    if (versions.values().stream().noneMatch(v -> includeDeleted || !v.deleted())) {
      throw Subjects.notFound(subject);
    }
    ParsedSchema parsed = schemas.parse(request);
    SchemaIdentity identity =
        new SchemaIdentity(parsed.type(), parsed.canonical(), request.references());
    for (SchemaVersion version : versions.descendingMap().values()) {
      if ((includeDeleted || !version.deleted()) && version.identity().equals(identity)) {
        return version;
      }
    }
    throw RegistryError.SCHEMA_NOT_FOUND.exception("Schema not found");
  }

  /**
   * The compatibility problems of {@code request} against {@code version} of {@code subject}, or
   * against the versions its level names when {@code version} is null ("latest" or all versions).
   */
  public List<String> testCompatibility(String subject, VersionId version, SchemaRequest request) {
    ParsedSchema parsed = schemas.parse(request);
    NavigableMap<Integer, SchemaVersion> versions = state.versions(subject);
    CompatibilityLevel level = settings.effectiveCompatibility(subject);
    if (version == null || version.isLatest()) {
      return level.check(parsed, previous(versions));
    }
    SchemaVersion target = Subjects.find(state, subject, version, false);
    List<ParsedSchema> against = List.of(schemas.parse(target));
    return level.check(parsed, against);
  }

  /** Soft- or hard-deletes one version and returns its number. */
  public int deleteVersion(String subject, VersionId versionId, boolean permanent) {
    writeLock.lock();
    try {
      catchUp();
      pending.drain(writes);
      requireWritable(subject);
      NavigableMap<Integer, SchemaVersion> versions = state.versions(subject);
      if (versions.values().stream().noneMatch(v -> permanent || !v.deleted())) {
        throw Subjects.notFound(subject);
      }
      // A soft-deleted version named by number is found, to answer 40406 rather than 40402.
      SchemaVersion target =
          Subjects.find(state, subject, versionId, permanent || !versionId.isLatest());
      if (permanent && !target.deleted()) {
        throw RegistryError.VERSION_NOT_SOFT_DELETED.exception(
            "Subject '"
                + subject
                + "' Version "
                + target.version()
                + " was not deleted first before being permanently deleted");
      }
      if (!permanent && target.deleted()) {
        throw RegistryError.VERSION_SOFT_DELETED.exception(
            "Subject '"
                + subject
                + "' Version "
                + target.version()
                + " was soft deleted.Set permanent=true to delete permanently");
      }
      requireUnreferenced(target);
      if (permanent) {
        writes.deleteSchema(subject, target.version());
      } else {
        writes.putSchema(target.withDeleted(true));
      }
      return target.version();
    } finally {
      writeLock.unlock();
    }
  }

  /** Soft- or hard-deletes a subject and returns the versions deleted. */
  public List<Integer> deleteSubject(String subject, boolean permanent) {
    writeLock.lock();
    try {
      catchUp();
      pending.drain(writes);
      requireWritable(subject);
      NavigableMap<Integer, SchemaVersion> versions = state.versions(subject);
      if (versions.isEmpty()) {
        throw Subjects.notFound(subject);
      }
      List<Integer> live = new ArrayList<>();
      versions.values().stream().filter(v -> !v.deleted()).forEach(v -> live.add(v.version()));
      if (permanent) {
        if (!live.isEmpty()) {
          throw RegistryError.SUBJECT_NOT_SOFT_DELETED.exception(
              "Subject '" + subject + "' was not deleted first before being permanently deleted");
        }
        List<Integer> all = new ArrayList<>(versions.keySet());
        for (SchemaVersion version : versions.values()) {
          requireUnreferenced(version);
        }
        for (Integer version : all) {
          writes.deleteSchema(subject, version);
        }
        writes.forgetSubjectDeletion(subject);
        return all;
      }
      if (live.isEmpty()) {
        throw RegistryError.SUBJECT_SOFT_DELETED.exception(
            "Subject '" + subject + "' was soft deleted.Set permanent=true to delete permanently");
      }
      for (SchemaVersion version : versions.values()) {
        if (!version.deleted()) {
          requireUnreferenced(version);
        }
      }
      writes.deleteSubject(subject, versions.lastKey());
      settings.forget(subject);
      return live;
    } finally {
      writeLock.unlock();
    }
  }

  /** The ids of the undeleted schemas that reference {@code subject} {@code version}. */
  public List<Integer> referencedBy(String subject, int version) {
    List<Integer> ids = new ArrayList<>();
    for (String other : state.subjects()) {
      for (Map.Entry<Integer, SchemaVersion> entry : state.versions(other).entrySet()) {
        SchemaVersion candidate = entry.getValue();
        if (!candidate.deleted()
            && candidate.references().stream()
                .anyMatch(r -> r.subject().equals(subject) && r.version() == version)
            && !ids.contains(candidate.id())) {
          ids.add(candidate.id());
        }
      }
    }
    ids.sort(null);
    return ids;
  }

  private void requireUnreferenced(SchemaVersion target) {
    List<Integer> ids = referencedBy(target.subject(), target.version());
    if (!ids.isEmpty()) {
      throw RegistryError.REFERENCE_EXISTS.exception(
          "One or more references exist to the schema {subject="
              + target.subject()
              + ",version="
              + target.version()
              + "}: schema ids "
              + ids);
    }
  }

  private void requireWritable(String subject) {
    Mode mode = settings.effectiveMode(subject);
    if (mode == Mode.READONLY || mode == Mode.READONLY_OVERRIDE) {
      throw RegistryError.OPERATION_NOT_PERMITTED.exception(
          "Subject " + subject + " is in " + mode + " mode");
    }
  }
}
