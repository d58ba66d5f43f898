package dev.wharf.connect.jdbc;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * {@code timestamp.fields.list}: turns the named value fields into Connect timestamps carrying a
 * {@link java.sql.Timestamp} with its sub-millisecond part. An INT64 field holds epoch microseconds
 * ({@code timestamp.precision.mode=microseconds}) or nanoseconds; a STRING field an ISO-8601 date
 * and time, read in {@code db.timezone} unless it carries an offset, and cut to microseconds in
 * microseconds mode. A field that already is a Connect timestamp is left as it is.
 */
final class TimestampFields {
  private static final Schema REQUIRED = Timestamp.builder().build();
  private static final Schema OPTIONAL = Timestamp.builder().optional().build();

  private final Set<String> names;
  private final boolean nanos;
  private final ZoneId zone;

  TimestampFields(List<String> names, boolean nanos, ZoneId zone) {
    this.names = new HashSet<>(names);
    this.nanos = nanos;
    this.zone = zone;
  }

  boolean isEmpty() {
    return names.isEmpty();
  }

  /** {@code field} as a timestamp when it is listed, else {@code field} itself. */
  SinkRow.Field convert(SinkRow.Field field, String origin) {
    if (!names.contains(field.name())) {
      return field;
    }
    Schema schema = field.schema();
    if (schema != null && Timestamp.LOGICAL_NAME.equals(schema.name())) {
      return field;
    }
    Schema target = schema == null || schema.isOptional() ? OPTIONAL : REQUIRED;
    Object value = field.value();
    boolean integer =
        schema != null
            ? schema.type() == Schema.Type.INT64 && schema.name() == null
            : value instanceof Long || value instanceof Integer;
    boolean text = schema != null ? schema.type() == Schema.Type.STRING : value instanceof String;
    if (!integer && !text && !(schema == null && value == null)) {
      throw new ConnectException(
          "timestamp.fields.list names '"
              + field.name()
              + "', which is "
              + (schema != null ? schema.type() : value.getClass().getSimpleName())
              + " in record "
              + origin
              + ": only INT64 (epoch "
              + (nanos ? "nanoseconds" : "microseconds")
              + ") and STRING (ISO-8601) fields become timestamps");
    }
    if (value == null) {
      return new SinkRow.Field(field.name(), target, null);
    }
    Instant instant = integer ? fromNumber(((Number) value).longValue()) : parse((String) value);
    if (instant == null) {
      throw new ConnectException(
          "Field '"
              + field.name()
              + "' of record "
              + origin
              + " is listed in timestamp.fields.list but '"
              + value
              + "' is not an ISO-8601 date and time (e.g. 2026-01-02T03:04:05.123456)");
    }
    return new SinkRow.Field(field.name(), target, java.sql.Timestamp.from(instant));
  }

  private Instant fromNumber(long value) {
    long perSecond = nanos ? 1_000_000_000L : 1_000_000L;
    long seconds = Math.floorDiv(value, perSecond);
    long fraction = Math.floorMod(value, perSecond);
    return Instant.ofEpochSecond(seconds, nanos ? fraction : fraction * 1_000L);
  }

  private Instant parse(String text) {
    String iso = text.trim().replace(' ', 'T');
    Instant instant;
    try {
      instant = OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        instant = LocalDateTime.parse(iso).atZone(zone).toInstant();
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return nanos ? instant : instant.truncatedTo(ChronoUnit.MICROS);
  }
}
