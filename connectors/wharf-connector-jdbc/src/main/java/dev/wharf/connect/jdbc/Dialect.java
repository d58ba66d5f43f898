package dev.wharf.connect.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;

/**
 * What differs between databases, for the source and the sink: identifier quoting, the driver, the
 * database's clock, column types for {@code auto.create} and the upsert statement. This base class
 * is the generic dialect (ANSI SQL, insert only); subclasses override what their database does
 * differently. Chosen from {@code dialect.name} or the URL.
 */
class Dialect {
  static final String POSTGRES = "PostgreSqlDatabaseDialect";
  static final String MYSQL = "MySqlDatabaseDialect";
  static final String SQLITE = "SqliteDatabaseDialect";
  static final String GENERIC = "GenericDatabaseDialect";

  private final String name;
  private final String driverClass;
  private final boolean catalogs;

  Dialect(String name, String driverClass, boolean catalogs) {
    this.name = name;
    this.driverClass = driverClass;
    this.catalogs = catalogs;
  }

  static Dialect generic() {
    return new Dialect(GENERIC, null, true);
  }

  static Dialect postgres() {
    return new PostgresDialect();
  }

  static Dialect mysql() {
    return new MySqlDialect();
  }

  static Dialect sqlite() {
    return new SqliteDialect();
  }

  /**
   * The dialect for {@code dialectName} (Confluent's class names) or, when empty, the URL.
   *
   * @throws IllegalArgumentException for a dialect name this plugin does not have
   */
  static Dialect choose(String dialectName, String url) {
    if (dialectName != null && !dialectName.isBlank()) {
      return switch (dialectName) {
        case POSTGRES -> postgres();
        case MYSQL, "MariaDbDatabaseDialect" -> mysql();
        case SQLITE -> sqlite();
        case GENERIC -> generic();
        default ->
            throw new IllegalArgumentException(
                "Unsupported dialect '"
                    + dialectName
                    + "': use "
                    + POSTGRES
                    + ", "
                    + MYSQL
                    + ", "
                    + SQLITE
                    + " or "
                    + GENERIC);
      };
    }
    String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:postgresql:")) {
      return postgres();
    }
    if (lower.startsWith("jdbc:mysql:") || lower.startsWith("jdbc:mariadb:")) {
      return mysql();
    }
    if (lower.startsWith("jdbc:sqlite:")) {
      return sqlite();
    }
    return generic();
  }

  String name() {
    return name;
  }

  /** The driver class to load explicitly (plugin class loaders hide drivers from DriverManager). */
  String driverClass() {
    return driverClass;
  }

  boolean qualifiesWithCatalog() {
    return catalogs;
  }

  /** {@code name} as a SQL identifier: double-quoted with embedded quotes doubled. */
  String identifier(String value, boolean quote) {
    return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }

  /** The database's current time, the upper bound of timestamp queries. */
  Timestamp currentTime(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT CURRENT_TIMESTAMP")) {
      rs.next();
      return rs.getTimestamp(1);
    }
  }

  /**
   * The catalog that table lookups default to when none is configured: null (every catalog), or for
   * MySQL the connection's database, since there the catalog is the database.
   */
  String defaultCatalog(Connection connection) throws SQLException {
    return null;
  }

  /** Whether INTEGER columns may hold 64-bit values (SQLite), so map to INT64. */
  boolean wideIntegers() {
    return false;
  }

  // ---- sink ----

  /**
   * The column type {@code auto.create}/{@code auto.evolve} give a field of {@code schema}, or null
   * when the type has no column (STRUCT, MAP, ARRAY). {@code key}: the column is in the primary
   * key.
   */
  String columnType(Schema schema, boolean key) {
    String logical = schema.name();
    if (Decimal.LOGICAL_NAME.equals(logical)) {
      return "DECIMAL";
    }
    if (Date.LOGICAL_NAME.equals(logical)) {
      return "DATE";
    }
    if (Time.LOGICAL_NAME.equals(logical)) {
      return "TIME";
    }
    if (org.apache.kafka.connect.data.Timestamp.LOGICAL_NAME.equals(logical)) {
      return "TIMESTAMP";
    }
    return switch (schema.type()) {
      case INT8, INT16 -> "SMALLINT";
      case INT32 -> "INTEGER";
      case INT64 -> "BIGINT";
      case FLOAT32 -> "REAL";
      case FLOAT64 -> "DOUBLE PRECISION";
      case BOOLEAN -> "BOOLEAN";
      case STRING -> key ? "VARCHAR(255)" : "VARCHAR(4000)";
      case BYTES -> "BLOB";
      default -> null;
    };
  }

  /** Whether this dialect can write {@code insert.mode=upsert}. */
  boolean supportsUpsert() {
    return false;
  }

  /**
   * An INSERT that updates the row whose {@code keys} already exist; {@code keys} and {@code
   * values} are quoted column names, bound in that order.
   */
  String upsert(String table, List<String> keys, List<String> values) {
    throw new UnsupportedOperationException(
        "The " + name + " has no upsert; use insert.mode=insert or update");
  }

  /** The statement adding one nullable column. */
  String addColumn(String table, String column, String type) {
    return "ALTER TABLE " + table + " ADD COLUMN " + column + " " + type;
  }

  /**
   * Binds a STRING value into a column of JDBC type {@code columnType}; PostgreSQL lets the server
   * type it when the column is not text, so it fits uuid or json columns.
   */
  void bindString(PreparedStatement statement, int index, String value, int columnType)
      throws SQLException {
    statement.setString(index, value);
  }

  /** Binds a TIME value (a wall-clock time of day). */
  void bindTime(PreparedStatement statement, int index, LocalTime value) throws SQLException {
    statement.setObject(index, value);
  }

  static String columns(List<String> names) {
    StringJoiner joiner = new StringJoiner(",");
    names.forEach(joiner::add);
    return joiner.toString();
  }

  static String placeholders(int count) {
    StringJoiner joiner = new StringJoiner(",");
    for (int i = 0; i < count; i++) {
      joiner.add("?");
    }
    return joiner.toString();
  }
}
