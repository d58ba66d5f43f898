package dev.wharf.connect.jdbc;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The JDBC source's configuration: Confluent's key names and defaults for the keys this connector
 * supports, declared once with their validators and docs.
 */
final class JdbcSourceConfig extends AbstractConfig {
  static final String URL = "connection.url";
  static final String USER = "connection.user";
  static final String PASSWORD = "connection.password";
  static final String ATTEMPTS = "connection.attempts";
  static final String BACKOFF = "connection.backoff.ms";
  static final String WHITELIST = "table.whitelist";
  static final String BLACKLIST = "table.blacklist";
  static final String TABLE_TYPES = "table.types";
  static final String CATALOG_PATTERN = "catalog.pattern";
  static final String SCHEMA_PATTERN = "schema.pattern";
  static final String MODE = "mode";
  static final String INCREMENTING_COLUMN = "incrementing.column.name";
  static final String TIMESTAMP_COLUMNS = "timestamp.column.name";
  static final String TIMESTAMP_INITIAL = "timestamp.initial";
  static final String TIMESTAMP_DELAY = "timestamp.delay.interval.ms";
  static final String VALIDATE_NON_NULL = "validate.non.null";
  static final String QUERY = "query";
  static final String QUERY_SUFFIX = "query.suffix";
  static final String POLL_INTERVAL = "poll.interval.ms";
  static final String BATCH_MAX_ROWS = "batch.max.rows";
  static final String TOPIC_PREFIX = "topic.prefix";
  static final String TABLE_POLL_INTERVAL = "table.poll.interval.ms";
  static final String GAP_TIMEOUT = "incrementing.gap.timeout.ms";
  static final String NUMERIC_MAPPING = "numeric.mapping";
  static final String DB_TIMEZONE = "db.timezone";
  static final String QUOTE_IDENTIFIERS = "quote.sql.identifiers";
  static final String DIALECT = "dialect.name";

  /** Task-only key: the tables a task copies, as {@link TableId#encode()} forms. */
  static final String TASK_TABLES = "wharf.task.tables";

  static final String MODE_BULK = "bulk";
  static final String MODE_INCREMENTING = "incrementing";
  static final String MODE_TIMESTAMP = "timestamp";
  static final String MODE_TIMESTAMP_INCREMENTING = "timestamp+incrementing";

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
              "Attempts to open a JDBC connection.")
          .define(
              BACKOFF,
              Type.LONG,
              10000L,
              ConfigDef.Range.atLeast(0),
              Importance.LOW,
              "Back-off between connection attempts, in ms.")
          .define(WHITELIST, Type.LIST, "", Importance.MEDIUM, "Tables to copy.")
          .define(BLACKLIST, Type.LIST, "", Importance.MEDIUM, "Tables not to copy.")
          .define(TABLE_TYPES, Type.LIST, "TABLE", Importance.LOW, "Table types to copy.")
          .define(
              CATALOG_PATTERN, Type.STRING, null, Importance.MEDIUM, "Catalog pattern for tables.")
          .define(
              SCHEMA_PATTERN, Type.STRING, null, Importance.MEDIUM, "Schema pattern for tables.")
          .define(
              MODE,
              Type.STRING,
              "",
              ConfigDef.ValidString.in(
                  "", MODE_BULK, MODE_INCREMENTING, MODE_TIMESTAMP, MODE_TIMESTAMP_INCREMENTING),
              Importance.HIGH,
              "bulk, incrementing, timestamp or timestamp+incrementing.")
          .define(
              INCREMENTING_COLUMN,
              Type.STRING,
              "",
              Importance.MEDIUM,
              "Strictly increasing column (incrementing modes).")
          .define(
              TIMESTAMP_COLUMNS,
              Type.LIST,
              "",
              Importance.MEDIUM,
              "Timestamp column(s); several are COALESCEd.")
          .define(
              TIMESTAMP_INITIAL,
              Type.LONG,
              null,
              Importance.LOW,
              "Epoch ms to start from; -1 = the database's current time; unset = from the start.")
          .define(
              TIMESTAMP_DELAY,
              Type.LONG,
              0L,
              ConfigDef.Range.atLeast(0),
              Importance.LOW,
              "Rows newer than the database's time minus this delay wait for a later poll.")
          .define(
              VALIDATE_NON_NULL,
              Type.BOOLEAN,
              true,
              Importance.LOW,
              "Fail when an incrementing or timestamp column is nullable.")
          .define(QUERY, Type.STRING, "", Importance.MEDIUM, "Custom query instead of tables.")
          .define(QUERY_SUFFIX, Type.STRING, "", Importance.LOW, "Appended to every query.")
          .define(
              POLL_INTERVAL,
              Type.INT,
              5000,
              ConfigDef.Range.atLeast(0),
              Importance.HIGH,
              "How often each table is polled, in ms.")
          .define(
              BATCH_MAX_ROWS,
              Type.INT,
              1000,
              ConfigDef.Range.atLeast(1),
              Importance.LOW,
              "Rows per poll batch, also the JDBC fetch size.")
          .define(
              TABLE_POLL_INTERVAL,
              Type.LONG,
              60000L,
              ConfigDef.Range.atLeast(1),
              Importance.LOW,
              "How often the table list is read again; a new or dropped table reconfigures the"
                  + " tasks.")
          .define(
              GAP_TIMEOUT,
              Type.LONG,
              2000L,
              ConfigDef.Range.atLeast(0),
              Importance.LOW,
              "incrementing mode: rows after a gap in the ids wait up to this long (ms) for the"
                  + " gap to fill, since a transaction may commit a lower id late; 0 = no wait.")
          .define(TOPIC_PREFIX, Type.STRING, "", Importance.HIGH, "Prefix of the topic names.")
          .define(
              NUMERIC_MAPPING,
              Type.STRING,
              null,
              ConfigDef.ValidString.in(null, "none", "best_fit", "precision_only"),
              Importance.LOW,
              "How NUMERIC/DECIMAL columns map: none, best_fit or precision_only.")
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
              "Time zone of the database's zoneless DATE/TIME/TIMESTAMP values.")
          .define(
              QUOTE_IDENTIFIERS,
              Type.STRING,
              "always",
              ConfigDef.ValidString.in("always", "never"),
              Importance.LOW,
              "Quote table and column names in generated SQL.")
          .define(
              DIALECT,
              Type.STRING,
              "",
              Importance.LOW,
              "Dialect class name (e.g. PostgreSqlDatabaseDialect); empty = from the URL.");

  JdbcSourceConfig(Map<String, String> props) {
    super(DEF, props);
  }

  ConnectionSettings connection() {
    return new ConnectionSettings(
        url(),
        user(),
        password(),
        getInt(ATTEMPTS),
        getLong(BACKOFF),
        ConnectionSettings.driverProperties(this));
  }

  String url() {
    return getString(URL);
  }

  String user() {
    return getString(USER);
  }

  String password() {
    Password p = getPassword(PASSWORD);
    return p == null ? null : p.value();
  }

  String mode() {
    return getString(MODE);
  }

  String query() {
    return getString(QUERY);
  }

  boolean queryMode() {
    return !query().isBlank();
  }

  String incrementingColumn() {
    return getString(INCREMENTING_COLUMN);
  }

  List<String> timestampColumns() {
    return getList(TIMESTAMP_COLUMNS).stream().filter(s -> !s.isBlank()).toList();
  }

  boolean usesIncrementing() {
    return MODE_INCREMENTING.equals(mode()) || MODE_TIMESTAMP_INCREMENTING.equals(mode());
  }

  boolean usesTimestamp() {
    return MODE_TIMESTAMP.equals(mode()) || MODE_TIMESTAMP_INCREMENTING.equals(mode());
  }

  boolean quote() {
    return "always".equals(getString(QUOTE_IDENTIFIERS));
  }

  NumericMapping numericMapping() {
    String value = getString(NUMERIC_MAPPING);
    return value == null ? NumericMapping.NONE : NumericMapping.valueOf(value.toUpperCase());
  }

  ZoneId dbZone() {
    return ZoneId.of(getString(DB_TIMEZONE));
  }

  /** How NUMERIC/DECIMAL columns become Connect types ({@code numeric.mapping}). */
  enum NumericMapping {
    NONE,
    BEST_FIT,
    PRECISION_ONLY
  }
}
