package dev.wharf.connect.jdbc;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The JDBC sink's configuration: Confluent's key names and defaults, declared once with their
 * validators and docs, plus the cross-key rules, each reported on the key a user has to change.
 */
final class JdbcSinkConfig extends AbstractConfig {
  static final String URL = "connection.url";
  static final String USER = "connection.user";
  static final String PASSWORD = "connection.password";
  static final String ATTEMPTS = "connection.attempts";
  static final String BACKOFF = "connection.backoff.ms";
  static final String INSERT_MODE = "insert.mode";
  static final String BATCH_SIZE = "batch.size";
  static final String DELETE_ENABLED = "delete.enabled";
  static final String TABLE_FORMAT = "table.name.format";
  static final String PK_MODE = "pk.mode";
  static final String PK_FIELDS = "pk.fields";
  static final String FIELDS_WHITELIST = "fields.whitelist";
  static final String DB_TIMEZONE = "db.timezone";
  static final String AUTO_CREATE = "auto.create";
  static final String AUTO_EVOLVE = "auto.evolve";
  static final String QUOTE_IDENTIFIERS = "quote.sql.identifiers";
  static final String MAX_RETRIES = "max.retries";
  static final String RETRY_BACKOFF = "retry.backoff.ms";
  static final String DIALECT = "dialect.name";
  static final String TABLE_TYPES = "table.types";

  /** {@code insert.mode}. */
  enum InsertMode {
    INSERT,
    UPSERT,
    UPDATE
  }

  /** {@code pk.mode}. */
  enum PkMode {
    NONE,
    KAFKA,
    RECORD_KEY,
    RECORD_VALUE
  }

  static final ConfigDef DEF =
      new ConfigDef()
          .define(URL, Type.STRING, "", Importance.HIGH, "JDBC connection URL.")
          .define(USER, Type.STRING, null, Importance.HIGH, "JDBC connection user.")
          .define(PASSWORD, Type.PASSWORD, null, Importance.HIGH, "JDBC connection password.")
          .define(
              ATTEMPTS,
              Type.INT,
              3,
              ConfigDef.Range.atLeast(1),
              Importance.LOW,
              "Attempts to open a JDBC connection when validating.")
          .define(
              BACKOFF,
              Type.LONG,
              10000L,
              ConfigDef.Range.atLeast(0),
              Importance.LOW,
              "Back-off between connection attempts, in ms.")
          .define(
              INSERT_MODE,
              Type.STRING,
              "insert",
              ConfigDef.CaseInsensitiveValidString.in("insert", "upsert", "update"),
              Importance.HIGH,
              "insert, upsert (insert or update by primary key) or update.")
          .define(
              BATCH_SIZE,
              Type.INT,
              3000,
              ConfigDef.Range.atLeast(1),
              Importance.MEDIUM,
              "Rows per JDBC batch.")
          .define(
              DELETE_ENABLED,
              Type.BOOLEAN,
              false,
              Importance.MEDIUM,
              "Delete the row of a tombstone's key (needs pk.mode=record_key).")
          .define(
              TABLE_FORMAT,
              Type.STRING,
              "${topic}",
              Importance.MEDIUM,
              "Destination table; ${topic} is the topic with dots replaced by underscores, and a"
                  + " dot written in the format separates schema and table.")
          .define(
              PK_MODE,
              Type.STRING,
              "none",
              ConfigDef.CaseInsensitiveValidString.in(
                  "none", "kafka", "record_key", "record_value"),
              Importance.HIGH,
              "Where the primary key comes from: none, kafka, record_key or record_value.")
          .define(PK_FIELDS, Type.LIST, "", Importance.MEDIUM, "Primary key field names.")
          .define(
              FIELDS_WHITELIST,
              Type.LIST,
              "",
              Importance.MEDIUM,
              "Value fields to write (empty = all); key fields are always written.")
          .define(
              DB_TIMEZONE,
              Type.STRING,
              "UTC",
              (name, value) -> {
                try {
                  ZoneId.of((String) value);
                } catch (RuntimeException e) {
                  throw new ConfigException(name, value, "Not a time zone: " + e.getMessage());
                }
              },
              Importance.MEDIUM,
              "Time zone in which timestamps are written to zoneless columns.")
          .define(
              AUTO_CREATE,
              Type.BOOLEAN,
              false,
              Importance.MEDIUM,
              "Create a missing table from the record's schema.")
          .define(
              AUTO_EVOLVE,
              Type.BOOLEAN,
              false,
              Importance.MEDIUM,
              "Add missing columns (nullable) from the record's schema.")
          .define(
              QUOTE_IDENTIFIERS,
              Type.STRING,
              "always",
              ConfigDef.ValidString.in("always", "never"),
              Importance.LOW,
              "Quote table and column names in generated SQL.")
          .define(
              MAX_RETRIES,
              Type.INT,
              10,
              ConfigDef.Range.atLeast(0),
              Importance.MEDIUM,
              "Retries of a failed put before the task fails (a lost connection retries until the"
                  + " database is back).")
          .define(
              RETRY_BACKOFF,
              Type.INT,
              3000,
              ConfigDef.Range.atLeast(0),
              Importance.MEDIUM,
              "Wait before a failed put is retried, in ms.")
          .define(
              DIALECT,
              Type.STRING,
              "",
              Importance.LOW,
              "Dialect class name (e.g. PostgreSqlDatabaseDialect); empty = from the URL.")
          .define(
              TABLE_TYPES,
              Type.LIST,
              "TABLE",
              Importance.LOW,
              "Table types the sink may write to (accepted for compatibility).");

  JdbcSinkConfig(Map<String, String> props) {
    super(DEF, props);
  }

  ConnectionSettings connection() {
    Password p = getPassword(PASSWORD);
    return new ConnectionSettings(
        getString(URL),
        getString(USER),
        p == null ? null : p.value(),
        getInt(ATTEMPTS),
        getLong(BACKOFF));
  }

  String url() {
    return getString(URL);
  }

  InsertMode insertMode() {
    return InsertMode.valueOf(getString(INSERT_MODE).toUpperCase(java.util.Locale.ROOT));
  }

  PkMode pkMode() {
    return PkMode.valueOf(getString(PK_MODE).toUpperCase(java.util.Locale.ROOT));
  }

  List<String> pkFields() {
    return nonBlank(getList(PK_FIELDS));
  }

  List<String> fieldsWhitelist() {
    return nonBlank(getList(FIELDS_WHITELIST));
  }

  boolean deleteEnabled() {
    return getBoolean(DELETE_ENABLED);
  }

  boolean quote() {
    return "always".equals(getString(QUOTE_IDENTIFIERS));
  }

  ZoneId dbZone() {
    return ZoneId.of(getString(DB_TIMEZONE));
  }

  Dialect dialect() {
    return Dialect.choose(getString(DIALECT), url());
  }

  /** Cross-key rules, each message on the key to change. */
  Map<String, String> problems() {
    Map<String, String> problems = new LinkedHashMap<>();
    PkMode pk = pkMode();
    InsertMode insert = insertMode();
    if (insert != InsertMode.INSERT && pk == PkMode.NONE) {
      problems.put(
          PK_MODE,
          "insert.mode="
              + insert.name().toLowerCase(java.util.Locale.ROOT)
              + " needs a primary key: set pk.mode to kafka, record_key or record_value");
    }
    if (deleteEnabled() && pk != PkMode.RECORD_KEY) {
      problems.put(
          DELETE_ENABLED,
          "delete.enabled=true needs pk.mode=record_key: a tombstone has only its key");
    }
    if (pk == PkMode.KAFKA && !pkFields().isEmpty() && pkFields().size() != 3) {
      problems.put(
          PK_FIELDS,
          "pk.mode=kafka takes three names (topic, partition, offset columns) or none, not "
              + pkFields());
    }
    String format = getString(TABLE_FORMAT);
    if (format.isBlank() || TableNames.parts(format).stream().anyMatch(String::isEmpty)) {
      problems.put(
          TABLE_FORMAT,
          "table.name.format '" + format + "' must be [catalog.][schema.]table with no empty part");
    }
    if (insert == InsertMode.UPSERT) {
      try {
        if (!dialect().supportsUpsert()) {
          problems.put(
              INSERT_MODE,
              "The "
                  + dialect().name()
                  + " has no upsert; use insert or update, or a database with an upsert"
                  + " (PostgreSQL, MySQL/MariaDB, SQLite)");
        }
      } catch (IllegalArgumentException e) {
        problems.put(DIALECT, e.getMessage());
      }
    }
    return problems;
  }

  private static List<String> nonBlank(List<String> values) {
    return values.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
