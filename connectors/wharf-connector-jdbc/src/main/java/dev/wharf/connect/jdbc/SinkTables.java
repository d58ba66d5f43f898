package dev.wharf.connect.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's knowledge of its tables: looks each one up once, creates it ({@code auto.create}) or
 * adds the missing columns as nullable ({@code auto.evolve}) when a row needs it, and otherwise
 * says in plain words what is missing. Forgotten after a failed put, since the table may have
 * changed.
 */
final class SinkTables {
  private static final Logger log = LoggerFactory.getLogger(SinkTables.class);

  private final Dialect dialect;
  private final boolean quote;
  private final boolean autoCreate;
  private final boolean autoEvolve;
  private final String url;
  private final Map<TableId, TableDefinition> known = new HashMap<>();

  SinkTables(JdbcSinkConfig config, Dialect dialect) {
    this.dialect = dialect;
    this.quote = config.quote();
    this.autoCreate = config.getBoolean(JdbcSinkConfig.AUTO_CREATE);
    this.autoEvolve = config.getBoolean(JdbcSinkConfig.AUTO_EVOLVE);
    this.url = config.url();
  }

  void forget() {
    known.clear();
  }

  /** The definition of {@code row}'s table, with a column for each of its fields. */
  TableDefinition prepare(Connection connection, SinkRow row) throws SQLException {
    TableDefinition table = known.get(row.table());
    if (table == null) {
      table = TableDefinition.find(connection, row.table(), dialect);
    }
    if (table == null) {
      if (!autoCreate) {
        throw new ConnectException(
            "Table "
                + row.table().fullName()
                + " does not exist in "
                + url
                + " (record "
                + row.origin()
                + "): create it, or set auto.create=true");
      }
      create(connection, row);
      table = found(connection, row.table());
    }
    List<SinkRow.Field> missing = new ArrayList<>();
    for (SinkRow.Field field : fields(row)) {
      if (table.column(field.name()) == null) {
        missing.add(field);
      }
    }
    if (!missing.isEmpty()) {
      List<String> names = missing.stream().map(SinkRow.Field::name).toList();
      if (!autoEvolve) {
        throw new ConnectException(
            "Table "
                + table.id().fullName()
                + " has no column for field(s) "
                + names
                + " of record "
                + row.origin()
                + ": add the column(s), set auto.evolve=true, or leave the fields out with"
                + " fields.whitelist");
      }
      String name = table.id().sql(dialect, quote);
      try (Statement statement = connection.createStatement()) {
        for (SinkRow.Field field : missing) {
          String sql =
              dialect.addColumn(
                  name, dialect.identifier(field.name(), quote), type(field, false, row));
          log.info("Adding a column: {}", sql);
          statement.executeUpdate(sql);
        }
      }
      table = found(connection, row.table());
    }
    known.put(row.table(), table);
    return table;
  }

  private TableDefinition found(Connection connection, TableId id) throws SQLException {
    TableDefinition table = TableDefinition.find(connection, id, dialect);
    if (table == null) {
      throw new SQLException("Table " + id.fullName() + " is not visible after creating it");
    }
    return table;
  }

  private void create(Connection connection, SinkRow row) throws SQLException {
    StringJoiner columns = new StringJoiner(", ");
    for (SinkRow.Field key : row.keys()) {
      columns.add(dialect.identifier(key.name(), quote) + " " + type(key, true, row) + " NOT NULL");
    }
    for (SinkRow.Field value : row.values()) {
      boolean required = value.schema() != null && !value.schema().isOptional();
      columns.add(
          dialect.identifier(value.name(), quote)
              + " "
              + type(value, false, row)
              + (required ? " NOT NULL" : " NULL"));
    }
    if (!row.keys().isEmpty()) {
      StringJoiner keys = new StringJoiner(",");
      row.keys().forEach(k -> keys.add(dialect.identifier(k.name(), quote)));
      columns.add("PRIMARY KEY(" + keys + ")");
    }
    String sql = "CREATE TABLE " + row.table().sql(dialect, quote) + " (" + columns + ")";
    log.info("Creating a table: {}", sql);
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate(sql);
    }
  }

  private String type(SinkRow.Field field, boolean key, SinkRow row) {
    Schema schema = field.schema() != null ? field.schema() : Binder.inferred(field, row);
    if (schema == null) {
      // A JSON null says nothing about the type: text holds whatever comes later.
      schema = Schema.OPTIONAL_STRING_SCHEMA;
    }
    String type = dialect.columnType(schema, key);
    if (type == null) {
      throw Binder.unsupported(field.name(), schema.type().toString(), row);
    }
    return type;
  }

  private static List<SinkRow.Field> fields(SinkRow row) {
    List<SinkRow.Field> all = new ArrayList<>(row.keys());
    all.addAll(row.values());
    return all;
  }
}
