package dev.wharf.serdes.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Connect values to JSON documents and back, for schemas mapped by {@link JsonSchemaMapping}:
 * Structs are objects, bytes base64 strings, Decimals numbers, Date days and Time and Timestamp
 * milliseconds as integers, maps objects or arrays of {@code {"key","value"}}.
 */
final class JsonValueMapping {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private JsonValueMapping() {}

  static JsonNode toJson(Schema schema, Object value) {
    if (value == null) {
      if (schema.defaultValue() != null) {
        return toJson(schema, schema.defaultValue());
      }
      if (!schema.isOptional()) {
        throw new DataException("A null value for a required field of type " + schema.type());
      }
      return NODES.nullNode();
    }
    String name = schema.name();
    try {
      switch (schema.type()) {
        case INT8:
        case INT16:
        case INT32:
          if (Date.LOGICAL_NAME.equals(name)) {
            return NODES.numberNode(Date.fromLogical(schema, (java.util.Date) value));
          }
          if (Time.LOGICAL_NAME.equals(name)) {
            return NODES.numberNode(Time.fromLogical(schema, (java.util.Date) value));
          }
          return NODES.numberNode(((Number) value).intValue());
        case INT64:
          if (Timestamp.LOGICAL_NAME.equals(name)) {
            return NODES.numberNode(Timestamp.fromLogical(schema, (java.util.Date) value));
          }
          return NODES.numberNode((Long) value);
        case FLOAT32:
          return NODES.numberNode((Float) value);
        case FLOAT64:
          return NODES.numberNode((Double) value);
        case BOOLEAN:
          return NODES.booleanNode((Boolean) value);
        case STRING:
          return NODES.textNode((String) value);
        case BYTES:
          if (Decimal.LOGICAL_NAME.equals(name)) {
            return NODES.numberNode((BigDecimal) value);
          }
          return NODES.binaryNode(
              value instanceof byte[] bytes ? bytes : bytesOf((ByteBuffer) value));
        case ARRAY:
          ArrayNode array = NODES.arrayNode();
          for (Object item : (Collection<?>) value) {
            array.add(toJson(schema.valueSchema(), item));
          }
          return array;
        case MAP:
          return mapToJson(schema, (Map<?, ?>) value);
        case STRUCT:
          Struct struct = (Struct) value;
          ObjectNode object = NODES.objectNode();
          for (Field field : schema.fields()) {
            object.set(field.name(), toJson(field.schema(), struct.get(field)));
          }
          return object;
        default:
          throw new DataException("Unknown Connect schema type " + schema.type());
      }
    } catch (ClassCastException e) {
      throw new DataException(
          "A " + value.getClass().getName() + " does not match a field of type " + schema.type(),
          e);
    }
  }

  private static JsonNode mapToJson(Schema schema, Map<?, ?> map) {
    if (schema.keySchema().type() == Schema.Type.STRING && !schema.keySchema().isOptional()) {
      ObjectNode object = NODES.objectNode();
      map.forEach((k, v) -> object.set((String) k, toJson(schema.valueSchema(), v)));
      return object;
    }
    ArrayNode entries = NODES.arrayNode();
    map.forEach(
        (k, v) -> {
          ObjectNode entry = entries.addObject();
          entry.set("key", toJson(schema.keySchema(), k));
          entry.set("value", toJson(schema.valueSchema(), v));
        });
    return entries;
  }

  static Object toConnect(Schema schema, JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    String name = schema.name();
    switch (schema.type()) {
      case INT8:
        return (byte) value.asInt();
      case INT16:
        return (short) value.asInt();
      case INT32:
        if (Date.LOGICAL_NAME.equals(name)) {
          return Date.toLogical(schema, value.asInt());
        }
        if (Time.LOGICAL_NAME.equals(name)) {
          return Time.toLogical(schema, value.asInt());
        }
        return value.asInt();
      case INT64:
        if (Timestamp.LOGICAL_NAME.equals(name)) {
          return Timestamp.toLogical(schema, value.asLong());
        }
        return value.asLong();
      case FLOAT32:
        return (float) value.asDouble();
      case FLOAT64:
        return value.asDouble();
      case BOOLEAN:
        return value.asBoolean();
      case STRING:
        return value.asText();
      case BYTES:
        if (Decimal.LOGICAL_NAME.equals(name)) {
          return value
              .decimalValue()
              .setScale(Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD)));
        }
        try {
          return value.binaryValue();
        } catch (IOException e) {
          throw new DataException("Invalid base64 bytes: " + value, e);
        }
      case ARRAY:
        List<Object> items = new ArrayList<>();
        value.forEach(item -> items.add(toConnect(schema.valueSchema(), item)));
        return items;
      case MAP:
        Map<Object, Object> map = new LinkedHashMap<>();
        if (value.isObject()) {
          for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            map.put(entry.getKey(), toConnect(schema.valueSchema(), entry.getValue()));
          }
        } else {
          value.forEach(
              entry ->
                  map.put(
                      toConnect(schema.keySchema(), entry.get("key")),
                      toConnect(schema.valueSchema(), entry.get("value"))));
        }
        return map;
      case STRUCT:
        Struct struct = new Struct(schema);
        for (Field field : schema.fields()) {
          struct.put(field, toConnect(field.schema(), value.get(field.name())));
        }
        return struct;
      default:
        throw new DataException("Unknown Connect schema type " + schema.type());
    }
  }

  private static byte[] bytesOf(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
