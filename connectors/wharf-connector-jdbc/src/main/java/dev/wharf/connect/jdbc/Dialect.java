package dev.wharf.connect.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Locale;

/**
 * What differs between databases for the source: identifier quoting, the driver, the database's
 * clock and how a streaming read is set up. Chosen from {@code dialect.name} or the URL.
 */
class Dialect {
  private final String name;
  private final String driverClass;
  private final boolean catalogs;

  Dialect(String name, String driverClass, boolean catalogs) {
    this.name = name;
    this.driverClass = driverClass;
    this.catalogs = catalogs;
  }

  static Dialect generic() {
    return new Dialect("GenericDatabaseDialect", null, true);
  }

  static Dialect postgres() {
    return new Dialect("PostgreSqlDatabaseDialect", "org.postgresql.Driver", false);
  }

  static Dialect sqlite() {
    return new Sqlite();
  }

  /**
   * The dialect for {@code dialectName} (Confluent's class names) or, when empty, the URL.
   *
   * @throws IllegalArgumentException for a dialect name this plugin does not have
   */
  static Dialect choose(String dialectName, String url) {
    if (dialectName != null && !dialectName.isBlank()) {
      return switch (dialectName) {
        case "PostgreSqlDatabaseDialect" -> postgres();
        case "SqliteDatabaseDialect" -> sqlite();
        case "GenericDatabaseDialect" -> generic();
        default ->
            throw new IllegalArgumentException(
                "Unsupported dialect '"
                    + dialectName
                    + "': use PostgreSqlDatabaseDialect, SqliteDatabaseDialect or"
                    + " GenericDatabaseDialect");
      };
    }
    String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:postgresql:")) {
      return postgres();
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

  /** Whether INTEGER columns may hold 64-bit values (SQLite), so map to INT64. */
  boolean wideIntegers() {
    return false;
  }

  /** SQLite: one storage class for all integers, and its clock read from the JVM. */
  private static final class Sqlite extends Dialect {
    Sqlite() {
      super("SqliteDatabaseDialect", "org.sqlite.JDBC", false);
    }

    @Override
    Timestamp currentTime(Connection connection) {
      return new Timestamp(System.currentTimeMillis());
    }

    @Override
    boolean wideIntegers() {
      return true;
    }
  }
}
