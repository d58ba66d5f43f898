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
  static final String REPLACE_NULL = "replace.null.with.default";
  static final String TIMESTAMP_FIELDS = "timestamp.fields.list";
  static final String TIMESTAMP_PRECISION = "timestamp.precision.mode";
  static final String DATE_TIMEZONE = "date.timezone";
  static final String STRING_VALUE_COLUMN = "string.output.value.column.name";
  static final String TRIM_SENSITIVE_LOG = "trim.sensitive.log";
  static final String MSSQL_HOLDLOCK = "mssql.use.merge.holdlock";
  static final String CREDENTIALS_PROVIDER = "jdbc.credentials.provider.class";
  static final String COMPLEX_TYPES = "sql.complex.types.enable";

  /** Confluent's own credentials provider: the only one, reading user and password from here. */
  static final String DEFAULT_CREDENTIALS_PROVIDER =
      "io.confluent.connect.jdbc.util.DefaultJdbcCredentialsProvider";

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
              "Table types the sink may write to (accepted for compatibility).")
          .define(
              REPLACE_NULL,
              Type.BOOLEAN,
              true,
              Importance.LOW,
              "Write a null field as its schema's default value, when the schema has one.")
          .define(
              TIMESTAMP_FIELDS,
              Type.LIST,
              "",
              Importance.LOW,
              "Value fields written as timestamps: an INT64 field holds epoch microseconds (or"
                  + " nanoseconds, see timestamp.precision.mode), a STRING field an ISO-8601 date"
                  + " and time (in db.timezone unless it carries an offset).")
          .define(
              TIMESTAMP_PRECISION,
              Type.STRING,
              "microseconds",
              ConfigDef.CaseInsensitiveValidString.in("microseconds", "nanoseconds"),
              Importance.LOW,
              "Unit of the INT64 fields of timestamp.fields.list, and the precision kept from"
                  + " their strings: microseconds or nanoseconds.")
          .define(
              DATE_TIMEZONE,
              Type.STRING,
              "DB_TIMEZONE",
              ConfigDef.CaseInsensitiveValidString.in("DB_TIMEZONE", "UTC"),
              Importance.LOW,
              "How DATE values are bound: DB_TIMEZONE (Confluent's default) writes the day that"
                  + " midnight UTC of the date falls on in db.timezone; UTC writes the date's own"
                  + " calendar day.")
          .define(
              STRING_VALUE_COLUMN,
              Type.STRING,
              "record_value",
              new ConfigDef.NonEmptyString(),
              Importance.LOW,
              "Column that receives a record value which is a plain string (STRING schema).")
          .define(
              TRIM_SENSITIVE_LOG,
              Type.BOOLEAN,
              false,
              Importance.LOW,
              "Leave the database's own messages (which may quote record values) out of task"
                  + " errors and logs, keeping their SQLState.")
          .define(
              MSSQL_HOLDLOCK,
              Type.BOOLEAN,
              true,
              Importance.LOW,
              "SQL Server only (accepted for compatibility: this plugin has no SQL Server"
                  + " dialect).")
          .define(
              CREDENTIALS_PROVIDER,
              Type.STRING,
              DEFAULT_CREDENTIALS_PROVIDER,
              (name, value) -> {
                String v = value == null ? "" : ((String) value).trim();
                if (!v.isEmpty() && !v.equals(DEFAULT_CREDENTIALS_PROVIDER)) {
                  throw new ConfigException(
                      name,
                      value,
                      "Custom credentials providers are not supported: set connection.user and"
                          + " connection.password (a config provider such as ${file:...} keeps"
                          + " them out of the config)");
                }
              },
              Importance.LOW,
              "Only Confluent's default provider (connection.user and connection.password).")
          .define(
              COMPLEX_TYPES,
              Type.BOOLEAN,
              false,
              (name, value) -> {
                if (Boolean.TRUE.equals(value)) {
                  throw new ConfigException(
                      name,
                      value,
                      "ARRAY fields are not written by this sink: keep it false and flatten or"
                          + " drop array fields (e.g. with the ReplaceField SMT)");
                }
              },
              Importance.LOW,
              "Must stay false: array columns are not supported.");

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
        getLong(BACKOFF),
        ConnectionSettings.driverProperties(this));
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

  boolean replaceNullWithDefault() {
    return getBoolean(REPLACE_NULL);
  }

  List<String> timestampFields() {
    return nonBlank(getList(TIMESTAMP_FIELDS));
  }

  boolean nanosecondTimestamps() {
    return "nanoseconds".equalsIgnoreCase(getString(TIMESTAMP_PRECISION));
  }

  /** Whether DATE values are bound in {@code db.timezone} ({@code date.timezone=DB_TIMEZONE}). */
  boolean datesInDbZone() {
    return "DB_TIMEZONE".equalsIgnoreCase(getString(DATE_TIMEZONE));
  }

  String stringValueColumn() {
    return getString(STRING_VALUE_COLUMN);
  }

  boolean trimSensitiveLog() {
    return getBoolean(TRIM_SENSITIVE_LOG);
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
