package dev.wharf.serdes.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Connect schemas to JSON Schemas and back, following Confluent's JsonSchemaData mapping: integers
 * and numbers carry {@code connect.type} (int8 to int64, float32, float64), bytes are base64
 * strings with {@code connect.type: bytes}, structs are objects titled with the schema's name whose
 * properties carry {@code connect.index}, optional schemas are {@code oneOf} null and the type,
 * maps are objects ({@code connect.type: map}) or, with non-string keys, arrays of key/value
 * objects, and logical types are titled with their Connect name plus {@code connect.version} and
 * {@code connect.parameters}.
 */
final class JsonSchemaMapping {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String CONNECT_TYPE = "connect.type";
  private static final String CONNECT_INDEX = "connect.index";
  private static final String CONNECT_VERSION = "connect.version";
  private static final String CONNECT_PARAMETERS = "connect.parameters";

  private JsonSchemaMapping() {}

  static JsonNode toJsonSchema(Schema schema) {
    ObjectNode base = baseToJson(schema);
    if (!schema.isOptional()) {
      return base;
    }
    ObjectNode optional = MAPPER.createObjectNode();
    ArrayNode oneOf = optional.putArray("oneOf");
    oneOf.addObject().put("type", "null");
    oneOf.add(base);
    return optional;
  }

  private static ObjectNode baseToJson(Schema schema) {
    ObjectNode node = MAPPER.createObjectNode();
    String name = schema.name();
    switch (schema.type()) {
      case BOOLEAN -> node.put("type", "boolean");
      case INT8, INT16, INT32, INT64 -> {
        node.put("type", "integer");
        if (!isLogical(name)) {
          node.put(CONNECT_TYPE, schema.type().getName());
        }
      }
      case FLOAT32, FLOAT64 -> {
        node.put("type", "number");
        node.put(CONNECT_TYPE, schema.type().getName());
      }
      case STRING -> node.put("type", "string");
      case BYTES -> {
        if (Decimal.LOGICAL_NAME.equals(name)) {
          node.put("type", "number");
        } else {
          node.put("type", "string");
          node.put(CONNECT_TYPE, "bytes");
        }
      }
      case ARRAY -> {
        node.put("type", "array");
        node.set("items", toJsonSchema(schema.valueSchema()));
      }
      case MAP -> {
        if (schema.keySchema().type() == Schema.Type.STRING && !schema.keySchema().isOptional()) {
          node.put("type", "object");
          node.set("additionalProperties", toJsonSchema(schema.valueSchema()));
        } else {
          node.put("type", "array");
          ObjectNode entry = node.putObject("items");
          entry.put("type", "object");
          ObjectNode properties = entry.putObject("properties");
          properties.set("key", toJsonSchema(schema.keySchema()));
          properties.set("value", toJsonSchema(schema.valueSchema()));
        }
        node.put(CONNECT_TYPE, "map");
      }
      case STRUCT -> {
        node.put("type", "object");
        ObjectNode properties = node.putObject("properties");
        for (Field field : schema.fields()) {
          JsonNode property = toJsonSchema(field.schema());
          ((ObjectNode) property).put(CONNECT_INDEX, field.index());
          properties.set(field.name(), property);
        }
      }
      default -> throw new DataException("Unknown Connect schema type " + schema.type());
    }
    if (name != null) {
      node.put("title", name);
    }
    if (schema.doc() != null) {
      node.put("description", schema.doc());
    }
    if (schema.version() != null) {
      node.put(CONNECT_VERSION, schema.version());
    }
    if (schema.parameters() != null && !schema.parameters().isEmpty()) {
      ObjectNode parameters = node.putObject(CONNECT_PARAMETERS);
      schema.parameters().forEach(parameters::put);
    }
    return node;
  }

  private static boolean isLogical(String name) {
    return Date.LOGICAL_NAME.equals(name)
        || Time.LOGICAL_NAME.equals(name)
        || Timestamp.LOGICAL_NAME.equals(name);
  }

  static Schema toConnect(JsonNode schema) {
    return builder(schema, false).build();
  }

  private static SchemaBuilder builder(JsonNode schema, boolean optional) {
    JsonNode oneOf = schema.get("oneOf");
    if (oneOf != null && oneOf.isArray()) {
      List<JsonNode> nonNull = new ArrayList<>();
      for (JsonNode branch : oneOf) {
        if (!"null".equals(branch.path("type").asText())) {
          nonNull.add(branch);
        }
      }
      if (nonNull.size() == 1 && oneOf.size() == 2) {
        return builder(nonNull.get(0), true);
      }
      throw new DataException("JSON Schema oneOf other than null and one type is not supported");
    }
    SchemaBuilder builder = baseBuilder(schema);
    String title = schema.path("title").asText(null);
    if (title != null && builder.name() == null) {
      builder.name(title);
    }
    if (schema.has(CONNECT_VERSION) && builder.version() == null) {
      builder.version(schema.get(CONNECT_VERSION).asInt());
    }
    if (schema.has("description")) {
      builder.doc(schema.get("description").asText());
    }
    JsonNode parameters = schema.get(CONNECT_PARAMETERS);
    if (parameters != null && parameters.isObject()) {
      parameters
          .fields()
          .forEachRemaining(e -> builder.parameter(e.getKey(), e.getValue().asText()));
    }
    return optional ? builder.optional() : builder;
  }

  private static SchemaBuilder baseBuilder(JsonNode schema) {
    String type = schema.path("type").asText("");
    String connectType = schema.path(CONNECT_TYPE).asText("");
    String title = schema.path("title").asText("");
    switch (type) {
      case "boolean":
        return SchemaBuilder.bool();
      case "integer":
        if (title.equals(Date.LOGICAL_NAME)) {
          return Date.builder();
        }
        if (title.equals(Time.LOGICAL_NAME)) {
          return Time.builder();
        }
        if (title.equals(Timestamp.LOGICAL_NAME)) {
          return Timestamp.builder();
        }
        return switch (connectType) {
          case "int8" -> SchemaBuilder.int8();
          case "int16" -> SchemaBuilder.int16();
          case "int32" -> SchemaBuilder.int32();
          default -> SchemaBuilder.int64();
        };
      case "number":
        if (title.equals(Decimal.LOGICAL_NAME)) {
          return Decimal.builder(schema.path(CONNECT_PARAMETERS).path(Decimal.SCALE_FIELD).asInt());
        }
        return connectType.equals("float32") ? SchemaBuilder.float32() : SchemaBuilder.float64();
      case "string":
        return connectType.equals("bytes") ? SchemaBuilder.bytes() : SchemaBuilder.string();
      case "array":
        JsonNode items = schema.path("items");
        if (connectType.equals("map")) {
          return SchemaBuilder.map(
              toConnect(items.path("properties").path("key")),
              toConnect(items.path("properties").path("value")));
        }
        return SchemaBuilder.array(toConnect(items));
      case "object":
        if (connectType.equals("map")) {
          return SchemaBuilder.map(
              Schema.STRING_SCHEMA, toConnect(schema.path("additionalProperties")));
        }
        return structBuilder(schema);
      default:
        throw new DataException("JSON Schema type '" + type + "' has no Connect equivalent");
    }
  }

  private static SchemaBuilder structBuilder(JsonNode schema) {
    SchemaBuilder struct = SchemaBuilder.struct();
    Set<String> required = new HashSet<>();
    boolean hasRequired = schema.has("required");
    schema.path("required").forEach(name -> required.add(name.asText()));
    List<Map.Entry<String, JsonNode>> properties = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields();
        it.hasNext(); ) {
      properties.add(it.next());
    }
    properties.sort(
        (a, b) ->
            Integer.compare(
                a.getValue().path(CONNECT_INDEX).asInt(Integer.MAX_VALUE),
                b.getValue().path(CONNECT_INDEX).asInt(Integer.MAX_VALUE)));
    for (Map.Entry<String, JsonNode> property : properties) {
      boolean optional = hasRequired && !required.contains(property.getKey());
      struct.field(property.getKey(), builder(property.getValue(), optional).build());
    }
    return struct;
  }
}
