package dev.wharf.connect.jdbc;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Binds Connect values to statement parameters by their schema; a schemaless (JSON) value by its
 * Java type. NULLs are bound with the column's own JDBC type. Times keep their wall-clock time;
 * timestamps are written in {@code db.timezone}; dates keep their calendar day with {@code
 * date.timezone=UTC}, and are the day their midnight UTC falls on in {@code db.timezone} with
 * {@code DB_TIMEZONE}, as Confluent binds them.
 */
final class Binder {
  private static final long DAY_MS = 86_400_000L;

  private final Dialect dialect;
  // One calendar for all timestamps: a task binds on one thread, and drivers only read it.
  private final Calendar calendar;
  // date.timezone=DB_TIMEZONE: a date is the day its midnight UTC falls on in db.timezone.
  private final ZoneId dateZone;
  private final boolean datesInDbZone;

  Binder(Dialect dialect, TimeZone zone, boolean datesInDbZone) {
    this.dialect = dialect;
    this.calendar = Calendar.getInstance(zone, Locale.ROOT);
    this.dateZone = zone.toZoneId();
    this.datesInDbZone = datesInDbZone;
  }

  void bind(PreparedStatement ps, int index, SinkRow.Field field, int columnType, SinkRow row)
      throws SQLException {
    Object value = field.value();
    if (value == null) {
      ps.setNull(index, columnType);
      return;
    }
    Schema schema = field.schema() != null ? field.schema() : schemaless(field, columnType, row);
    String logical = schema.name();
    if (Decimal.LOGICAL_NAME.equals(logical)) {
      ps.setBigDecimal(index, (BigDecimal) value);
      return;
    }
    if (Date.LOGICAL_NAME.equals(logical)) {
      long days = value instanceof Number n ? n.longValue() : Math.floorDiv(millis(value), DAY_MS);
      LocalDate day =
          datesInDbZone
              ? Instant.ofEpochMilli(days * DAY_MS).atZone(dateZone).toLocalDate()
              : LocalDate.ofEpochDay(days);
      ps.setDate(index, java.sql.Date.valueOf(day));
      return;
    }
    if (Time.LOGICAL_NAME.equals(logical)) {
      long millis = Math.floorMod(millis(value), DAY_MS);
      dialect.bindTime(ps, index, LocalTime.ofNanoOfDay(millis * 1_000_000L));
      return;
    }
    if (Timestamp.LOGICAL_NAME.equals(logical)) {
      // timestamp.fields.list hands over a java.sql.Timestamp: keep its sub-millisecond part.
      java.sql.Timestamp timestamp =
          value instanceof java.sql.Timestamp t ? t : new java.sql.Timestamp(millis(value));
      ps.setTimestamp(index, timestamp, calendar);
      return;
    }
    switch (schema.type()) {
      case INT8 -> ps.setByte(index, ((Number) value).byteValue());
      case INT16 -> ps.setShort(index, ((Number) value).shortValue());
      case INT32 -> ps.setInt(index, ((Number) value).intValue());
      case INT64 -> ps.setLong(index, ((Number) value).longValue());
      case FLOAT32 -> ps.setFloat(index, ((Number) value).floatValue());
      case FLOAT64 -> {
        if (value instanceof BigDecimal decimal) {
          ps.setBigDecimal(index, decimal);
        } else {
          ps.setDouble(index, ((Number) value).doubleValue());
        }
      }
      case BOOLEAN -> ps.setBoolean(index, (Boolean) value);
      case STRING -> dialect.bindString(ps, index, (String) value, columnType);
      case BYTES -> ps.setBytes(index, bytes(value));
      default -> throw unsupported(field.name(), schema.type().toString(), row);
    }
  }

  /**
   * The schema to bind a schemaless value with: a number into a DATE, TIME or TIMESTAMP column is
   * what JsonConverter writes for Connect's logical types without a schema (epoch days,
   * milliseconds of the day, epoch milliseconds); anything else goes by its Java type.
   */
  private static Schema schemaless(SinkRow.Field field, int columnType, SinkRow row) {
    if (field.value() instanceof Number number && !(number instanceof BigDecimal)) {
      switch (columnType) {
        case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
          return Timestamp.SCHEMA;
        }
        case Types.DATE -> {
          return Date.SCHEMA;
        }
        case Types.TIME, Types.TIME_WITH_TIMEZONE -> {
          return Time.SCHEMA;
        }
        default -> {}
      }
    }
    return inferred(field, row);
  }

  /**
   * The Connect schema of a schemaless (JSON) value: integers as INT64, other numbers as FLOAT64,
   * and strings, booleans and bytes as themselves; null for a null value, whose type is unknown.
   */
  static Schema inferred(SinkRow.Field field, SinkRow row) {
    Object value = field.value();
    if (value == null) {
      return null;
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return Schema.OPTIONAL_INT64_SCHEMA;
    }
    if (value instanceof Number) {
      return Schema.OPTIONAL_FLOAT64_SCHEMA;
    }
    if (value instanceof String) {
      return Schema.OPTIONAL_STRING_SCHEMA;
    }
    if (value instanceof Boolean) {
      return Schema.OPTIONAL_BOOLEAN_SCHEMA;
    }
    if (value instanceof byte[] || value instanceof ByteBuffer) {
      return Schema.OPTIONAL_BYTES_SCHEMA;
    }
    String type =
        value instanceof Map
            ? "a nested object"
            : value instanceof List ? "an array" : value.getClass().getSimpleName();
    throw unsupported(field.name(), type, row);
  }

  static ConnectException unsupported(String field, String type, SinkRow row) {
    return new ConnectException(
        "Field '"
            + field
            + "' of record "
            + row.origin()
            + " is "
            + type
            + ", which no column type holds: flatten it (the Flatten SMT) or leave it out with"
            + " fields.whitelist");
  }

  private static long millis(Object value) {
    return value instanceof Number n ? n.longValue() : ((java.util.Date) value).getTime();
  }

  private static byte[] bytes(Object value) {
    if (value instanceof ByteBuffer buffer) {
      byte[] copy = new byte[buffer.remaining()];
      buffer.duplicate().get(copy);
      return copy;
    }
    return (byte[]) value;
  }
}
