package dev.wharf.connect.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.apache.kafka.connect.data.Schema;

/** PostgreSQL: {@code ON CONFLICT} upserts, BYTEA and TEXT columns, untyped string binding. */
final class PostgresDialect extends Dialect {
  PostgresDialect() {
    super(POSTGRES, "org.postgresql.Driver", false);
  }

  @Override
  String columnType(Schema schema, boolean key) {
    if (schema.name() == null && schema.type() == Schema.Type.STRING) {
      return "TEXT";
    }
    if (schema.name() == null && schema.type() == Schema.Type.BYTES) {
      return "BYTEA";
    }
    return super.columnType(schema, key);
  }

  @Override
  boolean supportsUpsert() {
    return true;
  }

  @Override
  String upsert(String table, List<String> keys, List<String> values) {
    return OnConflict.upsert(table, keys, values);
  }

  // Types.OTHER sends the string with no declared type: the server casts it to the column's type,
  // so a Connect STRING fills uuid, json, jsonb, inet or enum columns; text columns take it as is.
  @Override
  void bindString(PreparedStatement statement, int index, String value, int columnType)
      throws SQLException {
    switch (columnType) {
      case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.NVARCHAR, Types.NCHAR ->
          statement.setString(index, value);
      default -> statement.setObject(index, value, Types.OTHER);
    }
  }

  /** The {@code INSERT ... ON CONFLICT} form PostgreSQL and SQLite share. */
  static final class OnConflict {
    private OnConflict() {}

    static String upsert(String table, List<String> keys, List<String> values) {
      List<String> all = new java.util.ArrayList<>(keys);
      all.addAll(values);
      StringBuilder sql =
          new StringBuilder("INSERT INTO ")
              .append(table)
              .append(" (")
              .append(columns(all))
              .append(") VALUES (")
              .append(placeholders(all.size()))
              .append(") ON CONFLICT (")
              .append(columns(keys))
              .append(") DO ");
      if (values.isEmpty()) {
        return sql.append("NOTHING").toString();
      }
      sql.append("UPDATE SET ");
      for (int i = 0; i < values.size(); i++) {
        String column = values.get(i);
        sql.append(i == 0 ? "" : ",").append(column).append("=EXCLUDED.").append(column);
      }
      return sql.toString();
    }
  }
}
