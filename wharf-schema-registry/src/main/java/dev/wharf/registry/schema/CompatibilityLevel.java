package dev.wharf.registry.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The compatibility levels a subject or the registry can require of a new schema: against which
 * earlier versions (the latest, or all for the transitive levels) and in which direction (BACKWARD:
 * the new schema reads old data; FORWARD: old schemas read new data; FULL: both).
 */
public enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  private final boolean backward;
  private final boolean forward;
  private final boolean transitive;

  CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
    this.backward = backward;
    this.forward = forward;
    this.transitive = transitive;
  }

  /** The level a request or a config names, in any case; {@code null} when it names none. */
  public static CompatibilityLevel fromName(String name) {
    if (name == null) {
      return null;
    }
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The problems of {@code candidate} against {@code previous} (undeleted versions, newest first);
   * empty when it is compatible at this level.
   */
  public List<String> check(ParsedSchema candidate, List<ParsedSchema> previous) {
    List<String> problems = new ArrayList<>();
    List<ParsedSchema> against =
        transitive || previous.isEmpty() ? previous : previous.subList(0, 1);
    for (ParsedSchema old : against) {
      if (old.type() != candidate.type()) {
        problems.add(
            "{errorType:'SCHEMA_TYPE_CHANGED', description:'The new schema is of type "
                + candidate.type()
                + ", an earlier one of type "
                + old.type()
                + "'}");
        continue;
      }
      if (backward) {
        problems.addAll(candidate.canRead(old));
      }
      if (forward) {
        problems.addAll(old.canRead(candidate));
      }
    }
    if (!problems.isEmpty()) {
      problems.add("{compatibility: '" + name() + "'}");
    }
    return problems;
  }
}
