package dev.wharf.connect.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Cross-key rules of the source config, each reported on the key a user has to change. */
final class ModeChecks {
  private ModeChecks() {}

  static Map<String, String> problems(JdbcSourceConfig config) {
    Map<String, String> problems = new LinkedHashMap<>();
    String mode = config.mode();
    if (mode.isEmpty()) {
      problems.put(
          JdbcSourceConfig.MODE,
          "mode is required: bulk, incrementing, timestamp or timestamp+incrementing");
    }
    if (config.usesIncrementing() && config.incrementingColumn().isBlank()) {
      problems.put(
          JdbcSourceConfig.INCREMENTING_COLUMN,
          "incrementing.column.name is required in mode " + mode + " (no auto-detection)");
    }
    if (config.usesTimestamp() && config.timestampColumns().isEmpty()) {
      problems.put(
          JdbcSourceConfig.TIMESTAMP_COLUMNS, "timestamp.column.name is required in mode " + mode);
    }
    List<String> white = config.getList(JdbcSourceConfig.WHITELIST);
    List<String> black = config.getList(JdbcSourceConfig.BLACKLIST);
    boolean hasWhite = white.stream().anyMatch(s -> !s.isBlank());
    boolean hasBlack = black.stream().anyMatch(s -> !s.isBlank());
    if (hasWhite && hasBlack) {
      problems.put(
          JdbcSourceConfig.BLACKLIST, "table.whitelist and table.blacklist exclude each other");
    }
    if (config.queryMode() && (hasWhite || hasBlack)) {
      problems.put(JdbcSourceConfig.QUERY, "query cannot be combined with table lists");
    }
    return problems;
  }
}
