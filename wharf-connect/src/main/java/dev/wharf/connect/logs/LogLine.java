package dev.wharf.connect.logs;

import ch.qos.logback.classic.Level;

/**
 * One captured log line of a connector or one of its tasks ({@code task} null for the connector's
 * own lines), already masked of secrets and cut to a bounded size. {@code sequence} orders lines
 * within a connector's buffer and lets a follower ask for what came after the last line it saw.
 */
public record LogLine(
    long sequence,
    long timestamp,
    Level level,
    String logger,
    String thread,
    String connector,
    Integer task,
    String message,
    String stackTrace) {

  /** Fixed cost of a line beyond its strings: the object, its fields and the buffer's slot. */
  private static final int OVERHEAD_BYTES = 160;

  /** An estimate of the heap a line holds, for the buffer's byte bound. */
  long estimatedBytes() {
    return OVERHEAD_BYTES
        + 2L
            * (length(logger)
                + length(thread)
                + length(connector)
                + length(message)
                + length(stackTrace));
  }

  LogLine withSequence(long value) {
    return new LogLine(
        value, timestamp, level, logger, thread, connector, task, message, stackTrace);
  }

  private static int length(String value) {
    return value == null ? 0 : value.length();
  }
}
