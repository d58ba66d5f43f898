package dev.wharf.connect.file;

import java.util.Locale;

/** What the source does with a line longer than {@code max.line.bytes}. */
enum LongLineAction {
  /** Drop the line with a warning; the following lines are read as usual. */
  SKIP,
  /** Emit the line in pieces of at most {@code max.line.bytes}, each a record. */
  SPLIT,
  /** Fail the task, naming the file and line. */
  FAIL;

  static LongLineAction parse(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }

  String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
