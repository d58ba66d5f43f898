package dev.wharf.connect.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Copies one table (or the custom query) in the configured mode. A query's result set is streamed
 * with the fetch size {@code batch.max.rows} and handed out a batch per call; the next query runs
 * {@code poll.interval.ms} after the previous one was exhausted.
 */
final class TableQuerier {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TableQuerier.class);

  private final JdbcSourceConfig config;
  private final Dialect dialect;
  private final TableId table;
  private final String topic;
  private final Map<String, String> partition;
  private final TimeZone zone;

  // Decided once from the config: read for every row.
  private final boolean usesIncrementing;
  private final boolean usesTimestamp;
  private final boolean bulk;
  private final boolean checksGaps;
  private final long gapTimeout;

  private Long incrementing;
  private Timestamp timestamp;
  private long nextQueryAt;
  private Long gapAt;
  private long gapSeenAt;

  private PreparedStatement statement;
  private ResultSet rows;
  private Columns columns;
  // Positions of the incrementing and timestamp columns in the open result set.
  private int incrementingIndex;
  private Field incrementingField;
  private int[] timestampIndexes;
  // One calendar for reading timestamps: a result set is read on one thread.
  private final Calendar readCalendar;
  private Row pending;

  /** A copier of {@code table}, or of the custom query when {@code table} is null. */
  TableQuerier(
      JdbcSourceConfig config, Dialect dialect, TableId table, Map<String, Object> offset) {
    this.config = config;
    this.dialect = dialect;
    this.table = table;
    String prefix = config.getString(JdbcSourceConfig.TOPIC_PREFIX);
    this.topic = table == null ? prefix : prefix + table.table();
    this.partition = partition(config, table);
    this.zone = TimeZone.getTimeZone(config.dbZone());
    this.usesIncrementing = config.usesIncrementing();
    this.usesTimestamp = config.usesTimestamp();
    this.bulk = JdbcSourceConfig.MODE_BULK.equals(config.mode());
    this.gapTimeout = config.getLong(JdbcSourceConfig.GAP_TIMEOUT);
    this.checksGaps = JdbcSourceConfig.MODE_INCREMENTING.equals(config.mode()) && gapTimeout > 0;
    this.incrementing = Offsets.incrementing(offset);
    this.timestamp = Offsets.timestamp(offset);
    this.readCalendar = Calendar.getInstance(zone, Locale.ROOT);
  }

  static Map<String, String> partition(JdbcSourceConfig config, TableId table) {
    if (table == null) {
      return Offsets.queryPartition();
    }
    return JdbcSourceConfig.MODE_BULK.equals(config.mode())
        ? Offsets.legacyTablePartition(table)
        : Offsets.tablePartition(table);
  }

  String describe() {
    return table == null ? "query" : table.fullName();
  }

  long nextQueryAt() {
    return nextQueryAt;
  }

  boolean streaming() {
    return rows != null;
  }

  /**
   * Up to {@code batch.max.rows} records; starts the query when none is open. Positions advance
   * only when the batch is returned, so a failure mid-batch re-reads from the last handed-out row.
   */
  List<SourceRecord> poll(Connection connection) throws SQLException {
    if (rows == null) {
      open(connection);
    }
    int max = config.getInt(JdbcSourceConfig.BATCH_MAX_ROWS);
    boolean timestampOnly = JdbcSourceConfig.MODE_TIMESTAMP.equals(config.mode());
    List<SourceRecord> records = new ArrayList<>();
    Long inc = incrementing;
    Timestamp ts = timestamp;
    boolean held = false;
    while (records.size() < max) {
      Row next = rows.next() ? read() : null;
      if (next != null && checksGaps) {
        Long last = pending != null ? pending.incrementing : inc;
        if (last != null && next.incrementing > last + 1 && holdBack(last + 1)) {
          next = null; // the query ends here and runs again, so the late row is not skipped
          held = true;
        }
      }
      if (pending != null) {
        // In timestamp mode a position is only safe once every row sharing its timestamp is out.
        boolean safe = !timestampOnly || next == null || !next.timestamp.equals(pending.timestamp);
        if (safe) {
          inc = pending.incrementing;
          ts = pending.timestamp;
        }
        records.add(record(pending.value, inc, ts));
      }
      pending = next;
      if (next == null) {
        close();
        connection.commit();
        long now = System.currentTimeMillis();
        long interval = config.getInt(JdbcSourceConfig.POLL_INTERVAL);
        nextQueryAt = now + (held ? Math.min(interval, gapSeenAt + gapTimeout - now) : interval);
        break;
      }
    }
    incrementing = inc;
    timestamp = ts;
    return records;
  }

  /**
   * Whether rows after the missing id {@code expected} still wait: a transaction holding that id
   * may not have committed yet. After {@code incrementing.gap.timeout.ms} from when the gap was
   * first seen it counts as a rollback or a delete, and reading goes on past it.
   */
  private boolean holdBack(long expected) {
    long now = System.currentTimeMillis();
    if (gapAt == null || gapAt != expected) {
      gapAt = expected;
      gapSeenAt = now;
    }
    boolean wait = now - gapSeenAt < gapTimeout;
    if (!wait) {
      log.debug(
          "{}: id {} did not appear within {} ms, reading past it",
          describe(),
          expected,
          gapTimeout);
    }
    return wait;
  }

  private SourceRecord record(Struct value, Long inc, Timestamp ts) {
    Map<String, Object> offset = bulk ? null : Offsets.offset(inc, ts);
    return new SourceRecord(partition, offset, topic, value.schema(), value);
  }

  private void open(Connection connection) throws SQLException {
    String sql = sql();
    statement =
        connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    statement.setFetchSize(config.getInt(JdbcSourceConfig.BATCH_MAX_ROWS));
    Calendar calendar = Calendar.getInstance(zone, Locale.ROOT);
    String mode = config.mode();
    if (config.usesTimestamp()) {
      if (timestamp == null) {
        timestamp = initialTimestamp(connection);
      }
      Timestamp now = dialect.currentTime(connection);
      Timestamp upper =
          new Timestamp(now.getTime() - config.getLong(JdbcSourceConfig.TIMESTAMP_DELAY));
      if (JdbcSourceConfig.MODE_TIMESTAMP.equals(mode)) {
        statement.setTimestamp(1, timestamp, calendar);
        statement.setTimestamp(2, upper, calendar);
      } else {
        statement.setTimestamp(1, upper, calendar);
        statement.setTimestamp(2, timestamp, calendar);
        statement.setLong(3, incrementing == null ? -1L : incrementing);
        statement.setTimestamp(4, timestamp, calendar);
      }
    } else if (config.usesIncrementing()) {
      statement.setLong(1, incrementing == null ? -1L : incrementing);
    }
    rows = statement.executeQuery();
    String schemaName = table == null ? null : table.table();
    columns =
        Columns.of(
            rows.getMetaData(), schemaName, config.numericMapping(), zone, dialect.wideIntegers());
    // Looked up at the first row (as reading by name did), then by position.
    incrementingIndex = 0;
    incrementingField = null;
    timestampIndexes = null;
  }

  private Timestamp initialTimestamp(Connection connection) throws SQLException {
    Long initial = config.getLong(JdbcSourceConfig.TIMESTAMP_INITIAL);
    if (initial == null) {
      return new Timestamp(0L);
    }
    return initial == -1L ? dialect.currentTime(connection) : new Timestamp(initial);
  }

  String sql() {
    boolean quote = config.quote();
    StringBuilder sql = new StringBuilder();
    if (table == null) {
      sql.append(config.query());
    } else {
      sql.append("SELECT * FROM ").append(table.sql(dialect, quote));
    }
    String inc =
        config.usesIncrementing() ? dialect.identifier(config.incrementingColumn(), quote) : null;
    String ts = config.usesTimestamp() ? timestampExpression(quote) : null;
    switch (config.mode()) {
      case JdbcSourceConfig.MODE_INCREMENTING ->
          sql.append(" WHERE ").append(inc).append(" > ? ORDER BY ").append(inc).append(" ASC");
      case JdbcSourceConfig.MODE_TIMESTAMP ->
          sql.append(" WHERE ")
              .append(ts)
              .append(" > ? AND ")
              .append(ts)
              .append(" < ? ORDER BY ")
              .append(ts)
              .append(" ASC");
      case JdbcSourceConfig.MODE_TIMESTAMP_INCREMENTING ->
          sql.append(" WHERE ")
              .append(ts)
              .append(" < ? AND ((")
              .append(ts)
              .append(" = ? AND ")
              .append(inc)
              .append(" > ?) OR ")
              .append(ts)
              .append(" > ?) ORDER BY ")
              .append(ts)
              .append(",")
              .append(inc)
              .append(" ASC");
      default -> {}
    }
    String suffix = config.getString(JdbcSourceConfig.QUERY_SUFFIX);
    if (!suffix.isBlank()) {
      sql.append(' ').append(suffix);
    }
    return sql.toString();
  }

  private String timestampExpression(boolean quote) {
    List<String> names =
        config.timestampColumns().stream().map(c -> dialect.identifier(c, quote)).toList();
    return names.size() == 1 ? names.get(0) : "COALESCE(" + String.join(",", names) + ")";
  }

  private Row read() throws SQLException {
    Struct value = columns.read(rows);
    Long inc = null;
    if (usesIncrementing) {
      if (incrementingIndex == 0) {
        incrementingIndex = rows.findColumn(config.incrementingColumn());
        incrementingField = value.schema().field(config.incrementingColumn());
      }
      // The row's Struct already holds the column's value; read it again only if it has no field
      // of exactly that name (the result set finds columns regardless of case).
      Object raw =
          incrementingField != null
              ? value.get(incrementingField)
              : rows.getObject(incrementingIndex);
      if (raw == null) {
        throw new ConnectException(
            "Null incrementing column '" + config.incrementingColumn() + "' in " + describe());
      }
      inc = ((Number) raw).longValue();
    }
    Timestamp ts = null;
    if (usesTimestamp) {
      if (timestampIndexes == null) {
        List<String> names = config.timestampColumns();
        int[] indexes = new int[names.size()];
        for (int i = 0; i < indexes.length; i++) {
          indexes[i] = rows.findColumn(names.get(i));
        }
        timestampIndexes = indexes;
      }
      for (int index : timestampIndexes) {
        ts = rows.getTimestamp(index, readCalendar);
        if (ts != null) {
          break;
        }
      }
      if (ts == null) {
        throw new ConnectException("Null timestamp columns in a row of " + describe());
      }
    }
    return new Row(value, inc, ts);
  }

  /** Drops any open result set, e.g. after a failure; the next poll queries again. */
  void reset() {
    pending = null;
    close();
  }

  void close() {
    try {
      if (statement != null) {
        statement.close();
      }
    } catch (SQLException ignored) {
      // The connection is going away or the result is already closed.
    }
    statement = null;
    rows = null;
    columns = null;
  }

  void delay(long millis) {
    nextQueryAt = System.currentTimeMillis() + millis;
  }

  private record Row(Struct value, Long incrementing, Timestamp timestamp) {}
}
