package dev.wharf.connect.worker;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * The payload of a flat Struct written and read with Jackson's streaming API instead of through a
 * JSON tree: the same generator calls and the same values as Apache's JsonConverter makes through
 * its tree, without building the tree (a node per field, a map per record) or looking every field
 * up by name. A schema is flat when every field is a boolean, an integer, a float, a string or a
 * Date, Time or Timestamp, and none has a default value. Anything unusual (a null, a value of
 * another class, an unexpected token, a missing or unknown field) answers "not handled", and the
 * converter's own tree path then converts the record and reports its own errors; nothing is written
 * before that decision.
 */
final class FlatStructJson {
  private enum Kind {
    INT8,
    INT16,
    INT32,
    INT64,
    FLOAT32,
    FLOAT64,
    BOOLEAN,
    STRING,
    DATE,
    TIME,
    TIMESTAMP
  }

  private final Schema schema;
  private final Field[] fields;
  private final Kind[] kinds;
  // Reading keeps floats to the converter: its tree reads them through BigDecimal.
  private final boolean readable;
  // Writing: one record's field values, checked before anything is written.
  private final Object[] values;

  private FlatStructJson(Schema schema, Field[] fields, Kind[] kinds, boolean readable) {
    this.schema = schema;
    this.fields = fields;
    this.kinds = kinds;
    this.readable = readable;
    this.values = new Object[fields.length];
  }

  /** The plan for {@code schema}, or null when it is not a flat struct. */
  static FlatStructJson of(Schema schema) {
    if (schema == null || schema.type() != Schema.Type.STRUCT) {
      return null;
    }
    List<Field> list = schema.fields();
    Field[] fields = list.toArray(new Field[0]);
    Kind[] kinds = new Kind[fields.length];
    boolean readable = true;
    for (int i = 0; i < fields.length; i++) {
      Kind kind = kind(fields[i].schema());
      if (kind == null) {
        return null;
      }
      kinds[i] = kind;
      readable &= kind != Kind.FLOAT32 && kind != Kind.FLOAT64;
    }
    return new FlatStructJson(schema, fields, kinds, readable);
  }

  private static Kind kind(Schema field) {
    if (field.defaultValue() != null) {
      return null;
    }
    String name = field.name();
    Schema.Type type = field.type();
    if (name != null) {
      // The converter's logical types; other names are plain values of their type to it.
      if (Date.LOGICAL_NAME.equals(name)) {
        return type == Schema.Type.INT32 ? Kind.DATE : null;
      }
      if (Time.LOGICAL_NAME.equals(name)) {
        return type == Schema.Type.INT32 ? Kind.TIME : null;
      }
      if (Timestamp.LOGICAL_NAME.equals(name)) {
        return type == Schema.Type.INT64 ? Kind.TIMESTAMP : null;
      }
      if (Decimal.LOGICAL_NAME.equals(name)) {
        return null;
      }
    }
    return switch (type) {
      case INT8 -> Kind.INT8;
      case INT16 -> Kind.INT16;
      case INT32 -> Kind.INT32;
      case INT64 -> Kind.INT64;
      case FLOAT32 -> Kind.FLOAT32;
      case FLOAT64 -> Kind.FLOAT64;
      case BOOLEAN -> Kind.BOOLEAN;
      case STRING -> Kind.STRING;
      default -> null;
    };
  }

  Schema schema() {
    return schema;
  }

  /**
   * Checks that {@code struct} (of this plan's very schema) can be written here, keeping its values
   * for {@link #write}; false leaves it to the converter's tree.
   */
  boolean accepts(Object value) {
    if (!(value instanceof Struct struct) || struct.schema() != schema) {
      return false;
    }
    for (int i = 0; i < fields.length; i++) {
      Object v = struct.get(fields[i]);
      Object json = jsonValue(kinds[i], fields[i].schema(), v);
      if (json == null) {
        return false;
      }
      values[i] = json;
    }
    return true;
  }

  /** The value the converter's tree would hold for {@code v}, or null when it is unusual. */
  private static Object jsonValue(Kind kind, Schema schema, Object v) {
    try {
      return switch (kind) {
        case INT8 -> v instanceof Byte ? v : null;
        case INT16 -> v instanceof Short ? v : null;
        case INT32 -> v instanceof Integer ? v : null;
        case INT64 -> v instanceof Long ? v : null;
        case FLOAT32 -> v instanceof Float ? v : null;
        case FLOAT64 -> v instanceof Double ? v : null;
        case BOOLEAN -> v instanceof Boolean ? v : null;
        case STRING -> v instanceof String ? v : null;
        case DATE -> v instanceof java.util.Date d ? (Object) Date.fromLogical(schema, d) : null;
        case TIME -> v instanceof java.util.Date d ? (Object) Time.fromLogical(schema, d) : null;
        case TIMESTAMP ->
            v instanceof java.util.Date d ? (Object) Timestamp.fromLogical(schema, d) : null;
      };
    } catch (DataException e) {
      return null; // the converter reports it
    }
  }

  /** Writes the payload {@link #accepts} checked, as the tree's serialization writes it. */
  void write(JsonGenerator gen) throws IOException {
    gen.writeStartObject();
    for (int i = 0; i < fields.length; i++) {
      gen.writeFieldName(fields[i].name());
      Object v = values[i];
      switch (kinds[i]) {
        case INT8, INT32, DATE, TIME -> gen.writeNumber(((Number) v).intValue());
        case INT16 -> gen.writeNumber((short) v);
        case INT64, TIMESTAMP -> gen.writeNumber((long) v);
        case FLOAT32 -> gen.writeNumber((float) v);
        case FLOAT64 -> gen.writeNumber((double) v);
        case BOOLEAN -> gen.writeBoolean((boolean) v);
        case STRING -> gen.writeString((String) v);
      }
      values[i] = null;
    }
    gen.writeEndObject();
  }

  /**
   * The Struct of the payload object {@code parser} is at (its START_OBJECT read), or null when the
   * payload is anything but every field once with a value of its usual JSON type.
   */
  Struct read(JsonParser parser) throws IOException {
    if (!readable) {
      return null;
    }
    Object[] read = new Object[fields.length];
    int seen = 0;
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      int i = index(parser.currentName(), seen);
      if (i < 0 || read[i] != null) {
        return null;
      }
      Object value = read(kinds[i], fields[i].schema(), parser.nextToken(), parser);
      if (value == null) {
        return null;
      }
      read[i] = value;
      seen++;
    }
    if (token != JsonToken.END_OBJECT || seen != fields.length) {
      return null;
    }
    Struct struct = new Struct(schema);
    for (int i = 0; i < fields.length; i++) {
      struct.put(fields[i], read[i]);
    }
    return struct;
  }

  /** The field called {@code name}: the next in order first, as the converter writes them. */
  private int index(String name, int next) {
    if (next < fields.length && fields[next].name().equals(name)) {
      return next;
    }
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static Object read(Kind kind, Schema schema, JsonToken token, JsonParser parser)
      throws IOException {
    if (kind == Kind.BOOLEAN) {
      return token == JsonToken.VALUE_TRUE
          ? Boolean.TRUE
          : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
    }
    if (kind == Kind.STRING) {
      return token == JsonToken.VALUE_STRING ? parser.getText() : null;
    }
    if (token != JsonToken.VALUE_NUMBER_INT) {
      return null;
    }
    JsonParser.NumberType type = parser.getNumberType();
    boolean isInt = type == JsonParser.NumberType.INT;
    try {
      return switch (kind) {
        case INT8 -> isInt ? (Object) (byte) parser.getIntValue() : null;
        case INT16 -> isInt ? (Object) (short) parser.getIntValue() : null;
        case INT32 -> isInt ? (Object) parser.getIntValue() : null;
        case DATE -> isInt ? Date.toLogical(schema, parser.getIntValue()) : null;
        case TIME -> isInt ? Time.toLogical(schema, parser.getIntValue()) : null;
        case INT64 ->
            isInt || type == JsonParser.NumberType.LONG ? (Object) parser.getLongValue() : null;
        case TIMESTAMP ->
            isInt || type == JsonParser.NumberType.LONG
                ? Timestamp.toLogical(schema, parser.getLongValue())
                : null;
        default -> null;
      };
    } catch (DataException e) {
      return null; // the converter reports it
    }
  }
}
