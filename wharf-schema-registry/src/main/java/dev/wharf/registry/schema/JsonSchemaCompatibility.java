package dev.wharf.registry.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether every document a writer JSON Schema accepts is accepted by a reader schema, checked
 * structurally over the keywords that decide it in practice: {@code type} (integer is a number),
 * {@code properties} under open and closed content models ({@code additionalProperties}), {@code
 * required}, {@code enum}, {@code items}, and the string, number and array bounds. Problems are
 * worded as Confluent's are: an error type and the path where it was found.
 */
final class JsonSchemaCompatibility {
  private final List<String> problems = new ArrayList<>();

  List<String> check(JsonNode reader, JsonNode writer) {
    compare(reader, writer, "#");
    return problems;
  }

  private void compare(JsonNode reader, JsonNode writer, String path) {
    if (acceptsAnything(reader)) {
      return;
    }
    if (rejectsEverything(writer)) {
      return;
    }
    if (acceptsAnything(writer)) {
      problem("TYPE_NARROWED", path);
      return;
    }
    Set<String> readerTypes = types(reader);
    Set<String> writerTypes = types(writer);
    if (!readerTypes.isEmpty()) {
      if (writerTypes.isEmpty()) {
        problem("TYPE_NARROWED", path);
        return;
      }
      for (String type : writerTypes) {
        boolean widened = type.equals("integer") && readerTypes.contains("number");
        if (!readerTypes.contains(type) && !widened) {
          problem(
              writerTypes.size() == 1 && readerTypes.size() == 1 ? "TYPE_CHANGED" : "TYPE_NARROWED",
              path);
          return;
        }
      }
    }
    compareEnum(reader, writer, path);
    compareBounds(reader, writer, path);
    if (reader.has("properties") || writer.has("properties") || isClosed(reader)) {
      compareObjects(reader, writer, path);
    }
    if (reader.has("items") && writer.has("items")) {
      compare(reader.get("items"), writer.get("items"), path + "/items");
    } else if (reader.has("items") && !acceptsAnything(reader.get("items"))) {
      problem("ITEMS_NARROWED", path + "/items");
    }
  }

  private void compareObjects(JsonNode reader, JsonNode writer, String path) {
    JsonNode readerProperties = reader.path("properties");
    JsonNode writerProperties = writer.path("properties");
    for (Iterator<Map.Entry<String, JsonNode>> it = writerProperties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> property = it.next();
      String at = path + "/properties/" + property.getKey();
      JsonNode readerProperty = readerProperties.get(property.getKey());
      if (readerProperty != null) {
        compare(readerProperty, property.getValue(), at);
      } else if (isClosed(reader)) {
        problem("PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL", at);
      } else if (reader.has("additionalProperties")) {
        compare(reader.get("additionalProperties"), property.getValue(), at);
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = readerProperties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> property = it.next();
      if (writerProperties.has(property.getKey())) {
        continue;
      }
      String at = path + "/properties/" + property.getKey();
      if (!isClosed(writer)) {
        // The writer may have put anything under that name.
        JsonNode writerAdditional = writer.get("additionalProperties");
        if (writerAdditional == null) {
          if (!acceptsAnything(property.getValue())) {
            problem("PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL", at);
          }
        } else {
          compare(property.getValue(), writerAdditional, at);
        }
      }
    }
    Set<String> writerRequired = strings(writer.path("required"));
    for (String required : strings(reader.path("required"))) {
      if (!writerRequired.contains(required)) {
        problem("REQUIRED_ATTRIBUTE_ADDED", path + "/required/" + required);
      }
    }
  }

  private void compareEnum(JsonNode reader, JsonNode writer, String path) {
    if (!reader.has("enum")) {
      return;
    }
    if (!writer.has("enum")) {
      problem("ENUM_ARRAY_NARROWED", path + "/enum");
      return;
    }
    Set<JsonNode> allowed = new HashSet<>();
    reader.get("enum").forEach(allowed::add);
    for (JsonNode value : writer.get("enum")) {
      if (!allowed.contains(value)) {
        problem("ENUM_ARRAY_NARROWED", path + "/enum");
        return;
      }
    }
  }

  private void compareBounds(JsonNode reader, JsonNode writer, String path) {
    for (String keyword :
        List.of("maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties")) {
      if (reader.has(keyword)
          && (!writer.has(keyword)
              || writer.get(keyword).asDouble() > reader.get(keyword).asDouble())) {
        problem(keyword.toUpperCase(java.util.Locale.ROOT) + "_DECREASED", path + "/" + keyword);
      }
    }
    for (String keyword :
        List.of("minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties")) {
      if (reader.has(keyword)
          && (!writer.has(keyword)
              || writer.get(keyword).asDouble() < reader.get(keyword).asDouble())) {
        problem(keyword.toUpperCase(java.util.Locale.ROOT) + "_INCREASED", path + "/" + keyword);
      }
    }
  }

  private static boolean isClosed(JsonNode schema) {
    JsonNode additional = schema.get("additionalProperties");
    return additional != null && additional.isBoolean() && !additional.asBoolean();
  }

  private static boolean acceptsAnything(JsonNode schema) {
    return (schema.isBoolean() && schema.asBoolean()) || (schema.isObject() && schema.isEmpty());
  }

  private static boolean rejectsEverything(JsonNode schema) {
    return schema.isBoolean() && !schema.asBoolean();
  }

  private static Set<String> types(JsonNode schema) {
    JsonNode type = schema.get("type");
    Set<String> result = new HashSet<>();
    if (type == null) {
      return result;
    }
    if (type.isArray()) {
      type.forEach(t -> result.add(t.asText()));
    } else {
      result.add(type.asText());
    }
    return result;
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> result = new HashSet<>();
    array.forEach(value -> result.add(value.asText()));
    return result;
  }

  private void problem(String type, String path) {
    problems.add(
        "{errorType:'"
            + type
            + "', description:'Found "
            + type.toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
            + " at path '"
            + path
            + "' in the new schema'}");
  }
}
