package dev.wharf.registry.store;

import java.util.Locale;

/**
 * What a subject or the registry accepts: READWRITE everything, READONLY and READONLY_OVERRIDE no
 * registrations or deletes, IMPORT registrations that carry their own id and version.
 */
public enum Mode {
  READWRITE,
  READONLY,
  READONLY_OVERRIDE,
  IMPORT;

  /** The mode a request names, in any case; {@code null} when it names none. */
  public static Mode fromName(String name) {
    if (name == null) {
      return null;
    }
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public boolean acceptsWrites() {
    return this == READWRITE || this == IMPORT;
  }
}
