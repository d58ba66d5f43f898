package dev.wharf.connect.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.http.HttpError;
import dev.wharf.core.http.RequestBodies;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Connect request bodies: JSON only ({@code 415} otherwise), and answers every malformed or
 * misshaped body with {@code 400} and a message saying what is wrong (Apache answers 500).
 */
final class Bodies {
  static final List<String> JSON = List.of("application/json");

  private Bodies() {}

  /** The body as a JSON object; 400 when it is missing or not an object. */
  static JsonNode object(Context ctx) {
    RequestBodies.requireMediaType(ctx, JSON);
    JsonNode body = RequestBodies.jsonOrNull(ctx);
    if (body == null || !body.isObject()) {
      throw HttpError.badRequest("Request body must be a JSON object");
    }
    return body;
  }

  /**
   * A JSON object of connector config values. Numbers and booleans are taken as their text, as
   * Apache's JSON mapping does; {@code null} is kept only when {@code allowNull} (PATCH removes
   * such keys).
   */
  static Map<String, String> configMap(JsonNode node, String what, boolean allowNull) {
    if (node == null || !node.isObject()) {
      throw HttpError.badRequest(what + " must be a JSON object of string values");
    }
    Map<String, String> config = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      if (value.isNull()) {
        if (!allowNull) {
          throw HttpError.badRequest(
              "Null value can not be supplied as the configuration value of " + field.getKey());
        }
        config.put(field.getKey(), null);
      } else if (value.isValueNode()) {
        config.put(field.getKey(), value.asText());
      } else {
        throw HttpError.badRequest(
            "The value of "
                + field.getKey()
                + " in "
                + what
                + " must be a string, not "
                + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
      }
    }
    return config;
  }
}
