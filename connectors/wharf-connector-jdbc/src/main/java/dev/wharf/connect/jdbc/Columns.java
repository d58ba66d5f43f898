package dev.wharf.connect.jdbc;

import dev.wharf.connect.jdbc.JdbcSourceConfig.NumericMapping;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Connect schema of a result set and the reading of its rows into Structs: one reader per
 * column, chosen once from the result set's metadata.
 */
final class Columns {
  private static final Logger log = LoggerFactory.getLogger(Columns.class);

  private final Schema schema;
  private final Reader[] readers;
  // The schema's fields in reader order, looked up once rather than by name for every row.
  private final org.apache.kafka.connect.data.Field[] fields;

  private Columns(Schema schema, List<Reader> readers) {
    this.schema = schema;
    this.readers = readers.toArray(new Reader[0]);
    this.fields = new org.apache.kafka.connect.data.Field[this.readers.length];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = schema.field(this.readers[i].field);
    }
  }

  Schema schema() {
    return schema;
  }

  Struct read(ResultSet rs) throws SQLException {
    Struct struct = new Struct(schema);
    for (int i = 0; i < readers.length; i++) {
      struct.put(fields[i], readers[i].read(rs));
    }
    return struct;
  }

  /**
   * The columns of {@code meta} that map to Connect types; others are dropped with a warning, as
   * Confluent does.
   */
  static Columns of(
      ResultSetMetaData meta,
      String schemaName,
      NumericMapping numeric,
      TimeZone zone,
      boolean wideIntegers)
      throws SQLException {
    SchemaBuilder builder = SchemaBuilder.struct();
    if (schemaName != null) {
      builder.name(schemaName);
    }
    List<Reader> readers = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      String name = meta.getColumnLabel(i);
      boolean optional = meta.isNullable(i) != ResultSetMetaData.columnNoNulls;
      Reader reader = reader(meta, i, numeric, zone, wideIntegers);
      if (reader == null) {
        log.warn(
            "Column '{}' of type {} ({}) has no Connect mapping and is skipped",
            name,
            meta.getColumnTypeName(i),
            meta.getColumnType(i));
        continue;
      }
      SchemaBuilder field = reader.type;
      if (optional) {
        field.optional();
      }
      builder.field(name, field.build());
      reader.field = name;
      readers.add(reader);
    }
    return new Columns(builder.build(), readers);
  }

  private static Reader reader(
      ResultSetMetaData meta, int i, NumericMapping numeric, TimeZone zone, boolean wide)
      throws SQLException {
    int type = meta.getColumnType(i);
    boolean signed = meta.isSigned(i);
    String typeName = String.valueOf(meta.getColumnTypeName(i)).toLowerCase(Locale.ROOT);
    switch (type) {
      case Types.BOOLEAN:
        return new Reader(SchemaBuilder.bool(), rs -> nullable(rs, rs.getBoolean(i)));
      case Types.BIT:
        if ("bool".equals(typeName) || "boolean".equals(typeName)) {
          return new Reader(SchemaBuilder.bool(), rs -> nullable(rs, rs.getBoolean(i)));
        }
        return new Reader(SchemaBuilder.int8(), rs -> nullable(rs, rs.getByte(i)));
      case Types.TINYINT:
        return signed
            ? new Reader(SchemaBuilder.int8(), rs -> nullable(rs, rs.getByte(i)))
            : new Reader(SchemaBuilder.int16(), rs -> nullable(rs, rs.getShort(i)));
      case Types.SMALLINT:
        return signed && !wide
            ? new Reader(SchemaBuilder.int16(), rs -> nullable(rs, rs.getShort(i)))
            : new Reader(SchemaBuilder.int32(), rs -> nullable(rs, rs.getInt(i)));
      case Types.INTEGER:
        return signed && !wide
            ? new Reader(SchemaBuilder.int32(), rs -> nullable(rs, rs.getInt(i)))
            : new Reader(SchemaBuilder.int64(), rs -> nullable(rs, rs.getLong(i)));
      case Types.BIGINT:
        return new Reader(SchemaBuilder.int64(), rs -> nullable(rs, rs.getLong(i)));
      case Types.REAL:
        return new Reader(SchemaBuilder.float32(), rs -> nullable(rs, rs.getFloat(i)));
      case Types.FLOAT:
      case Types.DOUBLE:
        return new Reader(SchemaBuilder.float64(), rs -> nullable(rs, rs.getDouble(i)));
      case Types.NUMERIC:
      case Types.DECIMAL:
        return numeric(meta.getPrecision(i), meta.getScale(i), i, numeric);
      case Types.CHAR:
      case Types.VARCHAR:
      case Types.LONGVARCHAR:
      case Types.NCHAR:
      case Types.NVARCHAR:
      case Types.LONGNVARCHAR:
      case Types.CLOB:
      case Types.NCLOB:
      case Types.SQLXML:
        return new Reader(SchemaBuilder.string(), rs -> rs.getString(i));
      case Types.BINARY:
      case Types.VARBINARY:
      case Types.LONGVARBINARY:
      case Types.BLOB:
        return new Reader(SchemaBuilder.bytes(), rs -> rs.getBytes(i));
      case Types.DATE:
        // A DATE is a calendar day, the same in every zone: midnight UTC of that day for Connect.
        return new Reader(
            Date.builder(),
            rs -> {
              java.sql.Date d = rs.getDate(i);
              return d == null
                  ? null
                  : new java.util.Date(d.toLocalDate().toEpochDay() * 86_400_000L);
            });
      case Types.TIME:
      case Types.TIME_WITH_TIMEZONE:
        // A TIME is a wall-clock time of day: its milliseconds since midnight, not shifted.
        return new Reader(
            Time.builder(),
            rs -> {
              java.sql.Time t = rs.getTime(i);
              // toLocalTime() drops the milliseconds that getTime() still carries.
              return t == null
                  ? null
                  : new java.util.Date(
                      t.toLocalTime().toNanoOfDay() / 1_000_000L
                          + Math.floorMod(t.getTime(), 1000L));
            });
      case Types.TIMESTAMP:
      case Types.TIMESTAMP_WITH_TIMEZONE:
        // One calendar per column: a result set is read on one thread, and drivers only read it.
        Calendar calendar = calendar(zone);
        return new Reader(
            Timestamp.builder(),
            rs -> {
              java.sql.Timestamp t = rs.getTimestamp(i, calendar);
              return t == null ? null : new java.util.Date(t.getTime());
            });
      case Types.OTHER:
        if (typeName.equals("uuid") || typeName.startsWith("json")) {
          return new Reader(SchemaBuilder.string(), rs -> rs.getString(i));
        }
        return null;
      default:
        return null;
    }
  }

  private static Reader numeric(int precision, int scale, int i, NumericMapping mapping) {
    if (precision <= 0) {
      // An unbounded PostgreSQL NUMERIC has no scale to declare: the exact value as text.
      return new Reader(
          SchemaBuilder.string(),
          rs -> {
            BigDecimal value = rs.getBigDecimal(i);
            return value == null ? null : value.toPlainString();
          });
    }
    if (mapping == NumericMapping.BEST_FIT && precision <= 18 && scale > 0) {
      return new Reader(SchemaBuilder.float64(), rs -> nullable(rs, rs.getDouble(i)));
    }
    if ((mapping == NumericMapping.BEST_FIT && precision <= 18 && scale <= 0 && scale >= -84)
        || (mapping == NumericMapping.PRECISION_ONLY && precision <= 18 && scale == 0)) {
      if (precision > 9) {
        return new Reader(SchemaBuilder.int64(), rs -> nullable(rs, rs.getLong(i)));
      } else if (precision > 4) {
        return new Reader(SchemaBuilder.int32(), rs -> nullable(rs, rs.getInt(i)));
      } else if (precision > 2) {
        return new Reader(SchemaBuilder.int16(), rs -> nullable(rs, rs.getShort(i)));
      }
      return new Reader(SchemaBuilder.int8(), rs -> nullable(rs, rs.getByte(i)));
    }
    int declared = scale < 0 ? 127 : scale;
    SchemaBuilder decimal =
        Decimal.builder(declared).parameter("connect.decimal.precision", String.valueOf(precision));
    return new Reader(
        decimal,
        rs -> {
          BigDecimal value = rs.getBigDecimal(i);
          return value == null
              ? null
              : value.setScale(declared, java.math.RoundingMode.UNNECESSARY);
        });
  }

  private static Object nullable(ResultSet rs, Object value) throws SQLException {
    return rs.wasNull() ? null : value;
  }

  private static Calendar calendar(TimeZone zone) {
    return Calendar.getInstance(zone, Locale.ROOT);
  }

  @FunctionalInterface
  private interface Value {
    Object read(ResultSet rs) throws SQLException;
  }

  private static final class Reader {
    final SchemaBuilder type;
    final Value value;
    String field;

    Reader(SchemaBuilder type, Value value) {
      this.type = type;
      this.value = value;
    }

    Object read(ResultSet rs) throws SQLException {
      return value.read(rs);
    }
  }
}
