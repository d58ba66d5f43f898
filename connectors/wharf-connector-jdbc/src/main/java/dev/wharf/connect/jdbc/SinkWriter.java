package dev.wharf.connect.jdbc;

import dev.wharf.connect.jdbc.JdbcSinkConfig.InsertMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Maps one {@code put()}'s records to rows, then writes them in one transaction: rows are buffered
 * per table in record order, and a buffer is written as one JDBC batch when it reaches {@code
 * batch.size}, when the next row has another shape (other columns, or a delete after upserts), and
 * at the end, before the commit.
 */
final class SinkWriter {
  private final Dialect dialect;
  private final boolean quote;
  private final InsertMode mode;
  private final int batchSize;
  private final RowMapper mapper;
  private final SinkTables tables;
  private final Binder binder;

  SinkWriter(JdbcSinkConfig config, Dialect dialect) {
    this.dialect = dialect;
    this.quote = config.quote();
    this.mode = config.insertMode();
    this.batchSize = config.getInt(JdbcSinkConfig.BATCH_SIZE);
    this.mapper = new RowMapper(config, dialect);
    this.tables = new SinkTables(config, dialect);
    this.binder =
        new Binder(dialect, TimeZone.getTimeZone(config.dbZone()), config.datesInDbZone());
  }

  /** Forgets what it knew of the tables, after a failure. */
  void reset() {
    tables.forget();
  }

  /**
   * The rows of {@code records} in order (tombstones without deletes write nothing); fails on a
   * record the sink cannot write. Runs on the task's thread, so that the thread writing to the
   * database only binds and executes.
   */
  List<SinkRow> map(Collection<SinkRecord> records) {
    List<SinkRow> rows = new ArrayList<>(records.size());
    for (SinkRecord record : records) {
      SinkRow row = mapper.map(record);
      if (row != null) {
        rows.add(row);
      }
    }
    return rows;
  }

  /** Writes {@code rows} and commits; on any failure nothing of them is committed. */
  void write(Connection connection, List<SinkRow> rows) throws SQLException {
    Map<TableId, List<SinkRow>> buffers = new LinkedHashMap<>();
    for (SinkRow row : rows) {
      List<SinkRow> buffer = buffers.computeIfAbsent(row.table(), t -> new ArrayList<>());
      if (!buffer.isEmpty() && (buffer.size() >= batchSize || !buffer.get(0).sameShape(row))) {
        flush(connection, buffer);
      }
      buffer.add(row);
    }
    for (List<SinkRow> buffer : buffers.values()) {
      flush(connection, buffer);
    }
    connection.commit();
  }

  private void flush(Connection connection, List<SinkRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    if (mode == InsertMode.UPSERT && !rows.get(0).delete()) {
      latestPerKey(rows);
    }
    SinkRow first = rows.get(0);
    TableDefinition table = tables.prepare(connection, first);
    List<String> keys = columns(table, first.keys());
    List<String> values = columns(table, first.values());
    String sql = sql(table, first, keys, values);
    // Every row of a flush has the same columns in the same order: look their types up once.
    List<SinkRow.Field> order = parameters(first);
    int[] types = new int[order.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = table.sqlType(table.column(order.get(i).name()));
    }
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (SinkRow row : rows) {
        // The parameters in parameters()'s order, bound without building that list per row.
        if (row.delete()) {
          bindAll(statement, 0, row.keys(), types, row);
        } else if (mode == InsertMode.UPDATE) {
          bindAll(
              statement, bindAll(statement, 0, row.values(), types, row), row.keys(), types, row);
        } else {
          bindAll(
              statement, bindAll(statement, 0, row.keys(), types, row), row.values(), types, row);
        }
        statement.addBatch();
      }
      statement.executeBatch();
    }
    rows.clear();
  }

  /** Binds {@code fields} from parameter {@code done + 1} on; answers the parameters bound. */
  private int bindAll(
      PreparedStatement statement, int done, List<SinkRow.Field> fields, int[] types, SinkRow row)
      throws SQLException {
    for (int i = 0; i < fields.size(); i++) {
      binder.bind(statement, done + i + 1, fields.get(i), types[done + i], row);
    }
    return done + fields.size();
  }

  /** The fields of {@code row} in the order of its statement's parameters. */
  private List<SinkRow.Field> parameters(SinkRow row) {
    if (row.delete()) {
      return row.keys();
    }
    List<SinkRow.Field> order = new ArrayList<>(row.keys().size() + row.values().size());
    if (mode == InsertMode.UPDATE) {
      order.addAll(row.values());
      order.addAll(row.keys());
    } else {
      order.addAll(row.keys());
      order.addAll(row.values());
    }
    return order;
  }

  /**
   * Keeps only the last row of each key: the outcome is the same, and a statement that touches one
   * row twice fails on PostgreSQL when the driver rewrites the batch into one multi-row INSERT
   * ({@code reWriteBatchedInserts=true}).
   */
  private static void latestPerKey(List<SinkRow> rows) {
    Map<Object, SinkRow> latest = new LinkedHashMap<>();
    for (SinkRow row : rows) {
      List<SinkRow.Field> keys = row.keys();
      // A one-column key is its value; a wider one the list of its values.
      Object key;
      if (keys.size() == 1) {
        key = keys.get(0).value();
      } else {
        List<Object> values = new ArrayList<>(keys.size());
        keys.forEach(k -> values.add(k.value()));
        key = values;
      }
      latest.remove(key);
      latest.put(key, row);
    }
    if (latest.size() < rows.size()) {
      rows.clear();
      rows.addAll(latest.values());
    }
  }

  private String sql(TableDefinition table, SinkRow row, List<String> keys, List<String> values) {
    String name = table.id().sql(dialect, quote);
    if (row.delete()) {
      return "DELETE FROM " + name + " WHERE " + conditions(keys);
    }
    switch (mode) {
      case UPSERT:
        return dialect.upsert(name, keys, values);
      case UPDATE:
        if (values.isEmpty()) {
          throw new ConnectException(
              "Record "
                  + row.origin()
                  + " has only key fields: insert.mode=update has nothing to set");
        }
        StringBuilder update = new StringBuilder("UPDATE ").append(name).append(" SET ");
        for (int i = 0; i < values.size(); i++) {
          update.append(i == 0 ? "" : ",").append(values.get(i)).append("=?");
        }
        return update.append(" WHERE ").append(conditions(keys)).toString();
      default:
        List<String> all = new ArrayList<>(keys);
        all.addAll(values);
        return "INSERT INTO "
            + name
            + " ("
            + Dialect.columns(all)
            + ") VALUES ("
            + Dialect.placeholders(all.size())
            + ")";
    }
  }

  private static String conditions(List<String> keys) {
    StringBuilder where = new StringBuilder();
    for (int i = 0; i < keys.size(); i++) {
      where.append(i == 0 ? "" : " AND ").append(keys.get(i)).append("=?");
    }
    return where.toString();
  }

  private List<String> columns(TableDefinition table, List<SinkRow.Field> fields) {
    List<String> names = new ArrayList<>();
    for (SinkRow.Field field : fields) {
      names.add(dialect.identifier(table.column(field.name()), quote));
    }
    return names;
  }
}
