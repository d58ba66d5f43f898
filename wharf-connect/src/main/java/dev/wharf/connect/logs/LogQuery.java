package dev.wharf.connect.logs;

import ch.qos.logback.classic.Level;

/**
 * Which lines of a connector's buffer a reader wants: one task's or all ({@code task} null), at or
 * above {@code minLevel}, at or after {@code sinceMillis} (null: any time), the last {@code tail}.
 */
public record LogQuery(Integer task, Level minLevel, Long sinceMillis, int tail) {
  boolean matches(LogLine line) {
    return (task == null || task.equals(line.task()))
        && line.level().isGreaterOrEqual(minLevel)
        && (sinceMillis == null || line.timestamp() >= sinceMillis);
  }
}
