package dev.wharf.connect.rest;

import ch.qos.logback.classic.Level;
import dev.wharf.connect.logs.LogQuery;
import dev.wharf.core.http.HttpError;
import io.javalin.http.Context;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

/**
 * The query parameters of the log endpoints: {@code tail}, {@code level}, {@code since} and {@code
 * follow}, and the task number of the path. A malformed value is a 400 naming the parameter; a task
 * number that is not a number is an unknown task (404).
 */
final class LogParams {
  static final int DEFAULT_TAIL = 100;
  private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

  private LogParams() {}

  /**
   * What {@code ctx} asks of task {@code task}'s lines (null: all), the tail at most {@code
   * maxLines}.
   */
  static LogQuery query(Context ctx, Integer task, int maxLines) {
    return new LogQuery(task, level(ctx), since(ctx), tail(ctx, maxLines));
  }

  static boolean follow(Context ctx) {
    return bool(ctx, "follow");
  }

  static Integer task(Context ctx) {
    String text = ctx.pathParam("task");
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new HttpError(404, "Unknown task: " + ctx.pathParam("name") + "-" + text);
    }
  }

  private static int tail(Context ctx, int maxLines) {
    String text = ctx.queryParam("tail");
    if (text == null || text.isBlank()) {
      return Math.min(DEFAULT_TAIL, maxLines);
    }
    try {
      int tail = Integer.parseInt(text.trim());
      if (tail < 0) {
        throw new NumberFormatException(text);
      }
      return Math.min(tail, maxLines);
    } catch (NumberFormatException e) {
      throw HttpError.badRequest(
          "tail must be a whole number of lines, 0 or more, not '" + text + "'");
    }
  }

  private static Level level(Context ctx) {
    String text = ctx.queryParam("level");
    if (text == null || text.isBlank()) {
      return Level.TRACE;
    }
    String upper = text.trim().toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(upper)) {
      throw HttpError.badRequest(
          "level must be one of TRACE, DEBUG, INFO, WARN, ERROR, not '" + text + "'");
    }
    return Level.toLevel(upper);
  }

  private static Long since(Context ctx) {
    String text = ctx.queryParam("since");
    if (text == null || text.isBlank()) {
      return null;
    }
    String trimmed = text.trim();
    try {
      if (trimmed.chars().allMatch(Character::isDigit)) {
        return Long.parseLong(trimmed);
      }
      return OffsetDateTime.parse(trimmed).toInstant().toEpochMilli();
    } catch (NumberFormatException | DateTimeParseException e) {
      throw HttpError.badRequest(
          "since must be epoch milliseconds or an ISO-8601 time such as 2026-11-24T10:15:30Z, not '"
              + text
              + "'");
    }
  }

  private static boolean bool(Context ctx, String parameter) {
    String value = ctx.queryParam(parameter);
    return value != null && Boolean.parseBoolean(value.trim());
  }
}
