package dev.wharf.connect.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Table discovery: the database's tables of {@code table.types}, filtered by the lists. */
final class Tables {
  private Tables() {}

  static List<TableId> all(Connection connection, JdbcSourceConfig config, Dialect dialect)
      throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    String catalog = config.getString(JdbcSourceConfig.CATALOG_PATTERN);
    String[] types = config.getList(JdbcSourceConfig.TABLE_TYPES).toArray(new String[0]);
    List<TableId> tables = new ArrayList<>();
    try (ResultSet rs =
        meta.getTables(
            catalog == null ? dialect.defaultCatalog(connection) : catalog,
            config.getString(JdbcSourceConfig.SCHEMA_PATTERN),
            "%",
            types)) {
      while (rs.next()) {
        tables.add(
            new TableId(
                rs.getString("TABLE_CAT"),
                rs.getString("TABLE_SCHEM"),
                rs.getString("TABLE_NAME")));
      }
    }
    return tables;
  }

  /** The tables to copy: whitelisted ones if a whitelist is set, else all but blacklisted ones. */
  static List<TableId> selected(List<TableId> all, JdbcSourceConfig config) {
    List<String> whitelist = nonBlank(config.getList(JdbcSourceConfig.WHITELIST));
    List<String> blacklist = nonBlank(config.getList(JdbcSourceConfig.BLACKLIST));
    List<TableId> selected = new ArrayList<>();
    for (TableId table : all) {
      boolean in =
          whitelist.isEmpty()
              ? blacklist.stream().noneMatch(table::matches)
              : whitelist.stream().anyMatch(table::matches);
      if (in) {
        selected.add(table);
      }
    }
    return selected;
  }

  /** Whitelist entries that name no table. */
  static List<String> missing(List<TableId> all, JdbcSourceConfig config) {
    return nonBlank(config.getList(JdbcSourceConfig.WHITELIST)).stream()
        .filter(entry -> all.stream().noneMatch(t -> t.matches(entry)))
        .toList();
  }

  /** Table names selected twice from different schemas: they would share one topic. */
  static List<String> duplicateNames(List<TableId> selected) {
    Map<String, Integer> counts = new HashMap<>();
    selected.forEach(t -> counts.merge(t.table(), 1, Integer::sum));
    return counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
  }

  /** The column names of {@code table}, as the metadata spells them. */
  static List<String> columns(Connection connection, TableId table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (ResultSet rs =
        connection.getMetaData().getColumns(table.catalog(), table.schema(), table.table(), "%")) {
      while (rs.next()) {
        columns.add(rs.getString("COLUMN_NAME"));
      }
    }
    return columns;
  }

  private static List<String> nonBlank(List<String> values) {
    return values.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
