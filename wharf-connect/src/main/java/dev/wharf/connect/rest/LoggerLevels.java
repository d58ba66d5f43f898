package dev.wharf.connect.rest;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.wharf.connect.herder.NotFoundException;
import dev.wharf.connect.storage.ConfigListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;

/**
 * Logger levels for {@code /admin/loggers} (KIP-495, KIP-976) on Logback: lists loggers whose level
 * was set explicitly, sets a namespace and every logger below it, and applies cluster-wide changes
 * that arrive through the config topic.
 */
final class LoggerLevels implements ConfigListener {
  private static final Set<String> LEVELS =
      Set.of("OFF", "ERROR", "WARN", "INFO", "DEBUG", "TRACE", "FATAL", "ALL");

  /** A logger's level and when it was last changed through the API. */
  record LevelInfo(
      String level,
      @com.fasterxml.jackson.annotation.JsonProperty("last_modified") Long lastModified) {}

  private final Map<String, Long> lastModified = new ConcurrentHashMap<>();

  private static LoggerContext context() {
    return (LoggerContext) LoggerFactory.getILoggerFactory();
  }

  Map<String, LevelInfo> all() {
    Map<String, LevelInfo> result = new LinkedHashMap<>();
    for (Logger logger : context().getLoggerList()) {
      if (logger.getLevel() != null) {
        result.put(
            name(logger),
            new LevelInfo(logger.getLevel().toString(), lastModified.get(name(logger))));
      }
    }
    return result;
  }

  LevelInfo get(String name) {
    Logger logger =
        "root".equals(name) ? context().getLogger(Logger.ROOT_LOGGER_NAME) : context().exists(name);
    if (logger == null) {
      throw new NotFoundException("Logger " + name + " not found.");
    }
    return new LevelInfo(logger.getEffectiveLevel().toString(), lastModified.get(name(logger)));
  }

  /** Sets {@code namespace} and the loggers below it; answers their names, sorted. */
  List<String> set(String namespace, String level) {
    String upper = level.trim().toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(upper)) {
      throw new NotFoundException("invalid log level '" + level + "'.");
    }
    Level parsed = Level.toLevel("FATAL".equals(upper) ? "ERROR" : upper);
    boolean root = "root".equals(namespace);
    Logger target =
        root ? context().getLogger(Logger.ROOT_LOGGER_NAME) : context().getLogger(namespace);
    List<String> affected = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (Logger logger : context().getLoggerList()) {
      String name = logger.getName();
      if (root || logger == target || name.startsWith(namespace + ".")) {
        logger.setLevel(parsed);
        lastModified.put(name(logger), now);
        affected.add(name(logger));
      }
    }
    affected.sort(null);
    return affected;
  }

  static boolean isValid(String level) {
    return level != null && LEVELS.contains(level.trim().toUpperCase(Locale.ROOT));
  }

  @Override
  public void onLoggerLevelUpdate(String namespace, String level) {
    if (isValid(level)) {
      set(namespace, level);
    }
  }

  private static String name(Logger logger) {
    return Logger.ROOT_LOGGER_NAME.equals(logger.getName()) ? "root" : logger.getName();
  }
}
