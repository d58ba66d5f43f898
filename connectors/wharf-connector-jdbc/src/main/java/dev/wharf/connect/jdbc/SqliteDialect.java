package dev.wharf.connect.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalTime;
import java.util.List;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;

/**
 * SQLite: one storage class for all integers, its clock read from the JVM, SQLite's type affinities
 * for created columns and {@code ON CONFLICT} upserts (SQLite 3.24+).
 */
final class SqliteDialect extends Dialect {
  SqliteDialect() {
    super(SQLITE, "org.sqlite.JDBC", false);
  }

  @Override
  Timestamp currentTime(Connection connection) {
    return new Timestamp(System.currentTimeMillis());
  }

  @Override
  boolean wideIntegers() {
    return true;
  }

  @Override
  String columnType(Schema schema, boolean key) {
    if (Decimal.LOGICAL_NAME.equals(schema.name())) {
      return "NUMERIC";
    }
    if (schema.name() != null) {
      return super.columnType(schema, key);
    }
    return switch (schema.type()) {
      case INT8, INT16, INT32, INT64, BOOLEAN -> "INTEGER";
      case FLOAT32, FLOAT64 -> "REAL";
      case STRING -> "TEXT";
      case BYTES -> "BLOB";
      default -> null;
    };
  }

  // The SQLite driver has no LocalTime binding: store the ISO text, which SQLite's time
  // functions read.
  @Override
  void bindTime(PreparedStatement statement, int index, LocalTime value) throws SQLException {
    statement.setString(index, value.toString());
  }

  @Override
  boolean supportsUpsert() {
    return true;
  }

  @Override
  String upsert(String table, List<String> keys, List<String> values) {
    return PostgresDialect.OnConflict.upsert(table, keys, values);
  }
}
