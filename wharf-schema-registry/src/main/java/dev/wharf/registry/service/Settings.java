package dev.wharf.registry.service;

import dev.wharf.registry.schema.CompatibilityLevel;
import dev.wharf.registry.store.Mode;
import dev.wharf.registry.store.RegistryState;
import dev.wharf.registry.store.StoreWrites;
import java.util.Optional;

/**
 * Compatibility levels and modes, global and per subject, with their defaults: the configured
 * {@code schema.compatibility.level} and READWRITE until a PUT sets others.
 */
public final class Settings {
  private final RegistryState state;
  private final StoreWrites writes;
  private final CompatibilityLevel defaultLevel;
  private final boolean modeMutable;

  public Settings(
      RegistryState state,
      StoreWrites writes,
      CompatibilityLevel defaultLevel,
      boolean modeMutable) {
    this.state = state;
    this.writes = writes;
    this.defaultLevel = defaultLevel;
    this.modeMutable = modeMutable;
  }

  public CompatibilityLevel globalCompatibility() {
    return state.compatibility(null).orElse(defaultLevel);
  }

  /** The subject's own level, else the global one. */
  public CompatibilityLevel effectiveCompatibility(String subject) {
    return state.compatibility(subject).orElseGet(this::globalCompatibility);
  }

  /** The subject's own level; 40408 when it has none and the global one is not wanted. */
  public CompatibilityLevel subjectCompatibility(String subject, boolean defaultToGlobal) {
    Optional<CompatibilityLevel> own = state.compatibility(subject);
    if (own.isPresent()) {
      return own.get();
    }
    if (defaultToGlobal) {
      return globalCompatibility();
    }
    throw RegistryError.SUBJECT_COMPATIBILITY_NOT_CONFIGURED.exception(
        "Subject '" + subject + "' does not have subject-level compatibility configured");
  }

  /** Sets the level of {@code subject}, or the global one when it is null. */
  public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
    if (subject != null) {
      Subjects.validate(subject);
    }
    writes.putCompatibility(subject, level);
  }

  /**
   * Removes the level of {@code subject} (40401 when it has none), or resets the global one, and
   * returns the level it had.
   */
  public synchronized CompatibilityLevel deleteCompatibility(String subject) {
    Optional<CompatibilityLevel> old = state.compatibility(subject);
    if (subject != null && old.isEmpty()) {
      throw Subjects.notFound(subject);
    }
    writes.deleteCompatibility(subject);
    return old.orElse(defaultLevel);
  }

  public Mode globalMode() {
    return state.mode(null).orElse(Mode.READWRITE);
  }

  public Mode effectiveMode(String subject) {
    return state.mode(subject).orElseGet(this::globalMode);
  }

  /** The subject's own mode; 40409 when it has none and the global one is not wanted. */
  public Mode subjectMode(String subject, boolean defaultToGlobal) {
    Optional<Mode> own = state.mode(subject);
    if (own.isPresent()) {
      return own.get();
    }
    if (defaultToGlobal) {
      return globalMode();
    }
    throw RegistryError.SUBJECT_MODE_NOT_CONFIGURED.exception(
        "Subject '" + subject + "' does not have subject-level mode configured");
  }

  /**
   * Sets the mode of {@code subject}, or the global one when it is null. IMPORT needs the subject
   * (or, globally, the registry) to be empty unless {@code force}.
   */
  public synchronized void setMode(String subject, Mode mode, boolean force) {
    if (!modeMutable) {
      throw RegistryError.OPERATION_NOT_PERMITTED.exception(
          "Mode changes are not allowed (mode.mutability is false)");
    }
    if (subject != null) {
      Subjects.validate(subject);
    }
    if (mode == Mode.IMPORT && !force) {
      boolean empty =
          subject == null
              ? state.subjects().stream()
                  .allMatch(s -> state.versions(s).values().stream().allMatch(v -> v.deleted()))
              : state.versions(subject).values().stream().allMatch(v -> v.deleted());
      if (!empty) {
        throw RegistryError.OPERATION_NOT_PERMITTED.exception(
            "Cannot import since found existing subjects"
                + (subject == null ? "" : " (" + subject + ")"));
      }
    }
    writes.putMode(subject, mode);
  }

  /** Removes the mode of {@code subject} (40409 when it has none) and returns the mode it had. */
  public synchronized Mode deleteMode(String subject) {
    Mode old = subjectMode(subject, false);
    writes.deleteMode(subject);
    return old;
  }

  /** Drops a subject's own level and mode, as a subject soft delete does. */
  void forget(String subject) {
    if (state.compatibility(subject).isPresent()) {
      writes.deleteCompatibility(subject);
    }
    if (state.mode(subject).isPresent()) {
      writes.deleteMode(subject);
    }
  }
}
