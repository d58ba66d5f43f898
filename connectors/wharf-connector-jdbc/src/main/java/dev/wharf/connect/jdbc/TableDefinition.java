package dev.wharf.connect.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A table as the database metadata describes it: its name as found and its columns with their JDBC
 * types. Field names match columns exactly, or else ignoring case (so unquoted, case-folded names
 * still match).
 */
record TableDefinition(TableId id, Map<String, Integer> columns) {

  /** The column a field writes to, as the database spells it, or null. */
  String column(String field) {
    if (columns.containsKey(field)) {
      return field;
    }
    for (String column : columns.keySet()) {
      if (column.equalsIgnoreCase(field)) {
        return column;
      }
    }
    return null;
  }

  /** The JDBC type of a column, for binding NULLs. */
  int sqlType(String column) {
    Integer type = columns.get(column);
    return type == null ? Types.NULL : type;
  }

  /**
   * The table {@code wanted} names, or null when it does not exist. A part left out of {@code
   * wanted} means the connection's current schema (MySQL: database); names are tried as given, then
   * lower-case, then upper-case, since unquoted names are folded by the database.
   */
  static TableDefinition find(Connection connection, TableId wanted, Dialect dialect)
      throws SQLException {
    String catalog = wanted.catalog();
    if (catalog == null) {
      catalog = dialect.defaultCatalog(connection);
    }
    String schema = wanted.schema();
    if (schema == null && !(dialect instanceof MySqlDialect)) {
      schema = currentSchema(connection);
    }
    for (String name :
        new String[] {
          wanted.table(),
          wanted.table().toLowerCase(Locale.ROOT),
          wanted.table().toUpperCase(Locale.ROOT)
        }) {
      TableDefinition found = lookup(connection, catalog, schema, name);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static String currentSchema(Connection connection) {
    try {
      return connection.getSchema();
    } catch (SQLException | AbstractMethodError e) {
      return null;
    }
  }

  private static TableDefinition lookup(
      Connection connection, String catalog, String schema, String table) throws SQLException {
    Map<String, Integer> columns = new LinkedHashMap<>();
    TableId id = null;
    // The name is a LIKE pattern for the driver ('_' matches any character): keep exact matches.
    try (ResultSet rs = connection.getMetaData().getColumns(catalog, schema, table, "%")) {
      while (rs.next()) {
        if (!table.equals(rs.getString("TABLE_NAME"))) {
          continue;
        }
        TableId here = new TableId(rs.getString("TABLE_CAT"), rs.getString("TABLE_SCHEM"), table);
        if (id == null) {
          id = here;
        } else if (!id.equals(here)) {
          continue;
        }
        columns.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
      }
    }
    return id == null ? null : new TableDefinition(id, columns);
  }
}
