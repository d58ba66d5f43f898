package dev.wharf.proxy.v3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.http.HttpError;
import dev.wharf.core.http.RequestBodies;
import dev.wharf.proxy.http.MediaTypes;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads v3 request bodies: {@code application/json} only, fields checked with named errors. */
final class V3Bodies {
  private static final List<String> TYPES = List.of(MediaTypes.JSON);

  private V3Bodies() {}

  /** The JSON object body; 415 for another Content-Type, 422/42206 when empty. */
  static JsonNode required(Context ctx) {
    RequestBodies.requireMediaType(ctx, TYPES);
    JsonNode body = RequestBodies.jsonOrNull(ctx);
    if (body == null) {
      throw new HttpError(422, 42206, "Payload error. Request body is empty. Data is required.");
    }
    if (!body.isObject()) {
      throw HttpError.badRequest("The request body must be a JSON object");
    }
    return body;
  }

  static Optional<Integer> optionalInt(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw HttpError.badRequest("'" + field + "' must be an integer");
    }
    return Optional.of(value.intValue());
  }

  static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual()) {
      throw HttpError.badRequest("'" + field + "' must be a string");
    }
    return value.textValue();
  }

  static List<JsonNode> objects(JsonNode node, String field) {
    if (!node.isArray()) {
      throw HttpError.badRequest("'" + field + "' must be a list");
    }
    List<JsonNode> items = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isObject()) {
        throw HttpError.badRequest("Every entry of '" + field + "' must be an object");
      }
      items.add(item);
    }
    return items;
  }
}
