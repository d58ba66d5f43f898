package dev.wharf.connect.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * MySQL and MariaDB: back-quoted identifiers, the database as the catalog, {@code ON DUPLICATE KEY
 * UPDATE} upserts (with {@code VALUES(c)}, which both servers accept), and key-friendly VARCHAR and
 * VARBINARY columns (TEXT and BLOB cannot be part of a key without a length).
 */
final class MySqlDialect extends Dialect {
  MySqlDialect() {
    super(MYSQL, "org.mariadb.jdbc.Driver", true);
  }

  @Override
  String defaultCatalog(Connection connection) throws SQLException {
    return connection.getCatalog();
  }

  @Override
  String identifier(String value, boolean quote) {
    return quote ? '`' + value.replace("`", "``") + '`' : value;
  }

  @Override
  String columnType(Schema schema, boolean key) {
    String logical = schema.name();
    if (Decimal.LOGICAL_NAME.equals(logical)) {
      return "DECIMAL(65," + schema.parameters().get(Decimal.SCALE_FIELD) + ")";
    }
    if (Date.LOGICAL_NAME.equals(logical)) {
      return "DATE";
    }
    if (Time.LOGICAL_NAME.equals(logical)) {
      return "TIME(3)";
    }
    if (Timestamp.LOGICAL_NAME.equals(logical)) {
      return "DATETIME(3)";
    }
    return switch (schema.type()) {
      case INT8 -> "TINYINT";
      case FLOAT32 -> "FLOAT";
      case FLOAT64 -> "DOUBLE";
      case STRING -> key ? "VARCHAR(255)" : "LONGTEXT";
      case BYTES -> key ? "VARBINARY(255)" : "LONGBLOB";
      default -> super.columnType(schema, key);
    };
  }

  @Override
  boolean supportsUpsert() {
    return true;
  }

  @Override
  String upsert(String table, List<String> keys, List<String> values) {
    List<String> all = new java.util.ArrayList<>(keys);
    all.addAll(values);
    StringBuilder sql =
        new StringBuilder("INSERT INTO ")
            .append(table)
            .append(" (")
            .append(columns(all))
            .append(") VALUES (")
            .append(placeholders(all.size()))
            .append(") ON DUPLICATE KEY UPDATE ");
    // With only key columns, a no-op assignment keeps the existing row (no error, no change).
    List<String> updated = values.isEmpty() ? keys.subList(0, 1) : values;
    for (int i = 0; i < updated.size(); i++) {
      String column = updated.get(i);
      sql.append(i == 0 ? "" : ",").append(column).append("=VALUES(").append(column).append(')');
    }
    return sql.toString();
  }

  @Override
  String addColumn(String table, String column, String type) {
    return "ALTER TABLE " + table + " ADD COLUMN " + column + " " + type + " NULL";
  }
}
