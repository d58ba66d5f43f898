package dev.wharf.serdes.connect;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema.Type;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Connect values to Avro values and back, for schemas mapped by {@link AvroSchemaMapping}: Structs
 * become {@code GenericRecord}s, INT8/INT16 ints, Decimal the unscaled big-endian bytes, Date days
 * since the epoch, Time and Timestamp milliseconds, maps with non-string keys lists of MapEntry
 * records; Avro's {@code Utf8} and {@code ByteBuffer} come back as {@code String} and {@code
 * byte[]}.
 */
final class AvroValueMapping {
  private AvroValueMapping() {}

  static Object toAvro(Schema schema, org.apache.avro.Schema avro, Object value) {
    if (value == null) {
      if (schema.defaultValue() != null) {
        return toAvro(schema, avro, schema.defaultValue());
      }
      if (!schema.isOptional()) {
        throw new DataException("A null value for a required " + describe(schema));
      }
      return null;
    }
    org.apache.avro.Schema target = nonNull(avro);
    String name = schema.name();
    try {
      switch (schema.type()) {
        case INT8:
        case INT16:
          return ((Number) value).intValue();
        case INT32:
          if (Date.LOGICAL_NAME.equals(name)) {
            return Date.fromLogical(schema, (java.util.Date) value);
          }
          if (Time.LOGICAL_NAME.equals(name)) {
            return Time.fromLogical(schema, (java.util.Date) value);
          }
          return (Integer) value;
        case INT64:
          if (Timestamp.LOGICAL_NAME.equals(name)) {
            return Timestamp.fromLogical(schema, (java.util.Date) value);
          }
          return (Long) value;
        case FLOAT32:
          return (Float) value;
        case FLOAT64:
          return (Double) value;
        case BOOLEAN:
          return (Boolean) value;
        case STRING:
          return (String) value;
        case BYTES:
          if (Decimal.LOGICAL_NAME.equals(name)) {
            return ByteBuffer.wrap(Decimal.fromLogical(schema, (BigDecimal) value));
          }
          return value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : (ByteBuffer) value;
        case ARRAY:
          List<Object> items = new ArrayList<>();
          for (Object item : (Collection<?>) value) {
            items.add(toAvro(schema.valueSchema(), target.getElementType(), item));
          }
          return items;
        case MAP:
          return mapToAvro(schema, target, (Map<?, ?>) value);
        case STRUCT:
          Struct struct = (Struct) value;
          GenericData.Record record = new GenericData.Record(target);
          for (Field field : schema.fields()) {
            record.put(
                field.name(),
                toAvro(field.schema(), target.getField(field.name()).schema(), struct.get(field)));
          }
          return record;
        default:
          throw new DataException("Unknown Connect schema type " + schema.type());
      }
    } catch (ClassCastException e) {
      throw new DataException(
          "A " + value.getClass().getName() + " does not match the " + describe(schema), e);
    }
  }

  private static Object mapToAvro(Schema schema, org.apache.avro.Schema target, Map<?, ?> map) {
    if (target.getType() == Type.MAP) {
      Map<String, Object> result = new LinkedHashMap<>();
      map.forEach(
          (k, v) -> result.put((String) k, toAvro(schema.valueSchema(), target.getValueType(), v)));
      return result;
    }
    org.apache.avro.Schema entry = target.getElementType();
    List<Object> entries = new ArrayList<>();
    map.forEach(
        (k, v) -> {
          GenericData.Record record = new GenericData.Record(entry);
          record.put("key", toAvro(schema.keySchema(), entry.getField("key").schema(), k));
          record.put("value", toAvro(schema.valueSchema(), entry.getField("value").schema(), v));
          entries.add(record);
        });
    return entries;
  }

  static Object toConnect(Schema schema, Object value) {
    if (value == null) {
      return null;
    }
    String name = schema.name();
    switch (schema.type()) {
      case INT8:
        return ((Number) value).byteValue();
      case INT16:
        return ((Number) value).shortValue();
      case INT32:
        if (Date.LOGICAL_NAME.equals(name)) {
          return Date.toLogical(schema, ((Number) value).intValue());
        }
        if (Time.LOGICAL_NAME.equals(name)) {
          return Time.toLogical(schema, ((Number) value).intValue());
        }
        return ((Number) value).intValue();
      case INT64:
        if (Timestamp.LOGICAL_NAME.equals(name)) {
          return Timestamp.toLogical(schema, ((Number) value).longValue());
        }
        return ((Number) value).longValue();
      case FLOAT32:
        return ((Number) value).floatValue();
      case FLOAT64:
        return ((Number) value).doubleValue();
      case BOOLEAN:
        return value;
      case STRING:
        return value.toString();
      case BYTES:
        byte[] bytes = bytes(value);
        return Decimal.LOGICAL_NAME.equals(name) ? Decimal.toLogical(schema, bytes) : bytes;
      case ARRAY:
        List<Object> items = new ArrayList<>();
        for (Object item : (Collection<?>) value) {
          items.add(toConnect(schema.valueSchema(), item));
        }
        return items;
      case MAP:
        Map<Object, Object> map = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> avroMap) {
          avroMap.forEach((k, v) -> map.put(k.toString(), toConnect(schema.valueSchema(), v)));
        } else {
          for (Object item : (Collection<?>) value) {
            GenericRecord entry = (GenericRecord) item;
            map.put(
                toConnect(schema.keySchema(), entry.get("key")),
                toConnect(schema.valueSchema(), entry.get("value")));
          }
        }
        return map;
      case STRUCT:
        GenericRecord record = (GenericRecord) value;
        Struct struct = new Struct(schema);
        for (Field field : schema.fields()) {
          struct.put(field, toConnect(field.schema(), record.get(field.name())));
        }
        return struct;
      default:
        throw new DataException("Unknown Connect schema type " + schema.type());
    }
  }

  private static byte[] bytes(Object value) {
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    if (value instanceof GenericFixed fixed) {
      return fixed.bytes();
    }
    ByteBuffer buffer = ((ByteBuffer) value).duplicate();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  private static org.apache.avro.Schema nonNull(org.apache.avro.Schema avro) {
    if (avro.getType() != Type.UNION) {
      return avro;
    }
    return avro.getTypes().stream().filter(b -> b.getType() != Type.NULL).findFirst().orElse(avro);
  }

  private static String describe(Schema schema) {
    return "field of type "
        + schema.type()
        + (schema.name() == null ? "" : " (" + schema.name() + ")");
  }
}
