package dev.wharf.registry.service;

import dev.wharf.registry.store.RegistryState;
import dev.wharf.registry.store.SchemaVersion;
import java.util.NavigableMap;

/** Subject rules shared by the operations: valid names, and finding a version of a subject. */
public final class Subjects {
  private Subjects() {}

  /** A subject name is not empty and has no control characters (42208). */
  static void validate(String subject) {
    if (subject == null || subject.isEmpty() || subject.chars().anyMatch(Character::isISOControl)) {
      throw RegistryError.INVALID_SUBJECT.exception(
          "The specified subject '" + subject + "' is not a valid subject name");
    }
  }

  static RegistryException notFound(String subject) {
    return RegistryError.SUBJECT_NOT_FOUND.exception("Subject '" + subject + "' not found.");
  }

  /**
   * The version {@code id} of {@code subject}: 40401 when the subject has no (undeleted, unless
   * {@code includeDeleted}) version, 40402 when that version does not exist or is deleted.
   */
  public static SchemaVersion find(
      RegistryState state, String subject, VersionId id, boolean includeDeleted) {
    NavigableMap<Integer, SchemaVersion> versions = state.versions(subject);
    if (versions.values().stream().noneMatch(v -> includeDeleted || !v.deleted())) {
      throw notFound(subject);
    }
    if (id.isLatest()) {
      for (SchemaVersion version : versions.descendingMap().values()) {
        if (includeDeleted || !version.deleted()) {
          return version;
        }
      }
    }
    SchemaVersion version = versions.get(id.number());
    if (version == null || (version.deleted() && !includeDeleted)) {
      throw RegistryError.VERSION_NOT_FOUND.exception("Version " + id.number() + " not found.");
    }
    return version;
  }
}
