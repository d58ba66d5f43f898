package dev.wharf.registry.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.core.http.HttpError;
import dev.wharf.core.http.Json;
import dev.wharf.core.http.RequestBodies;
import dev.wharf.core.http.Responses;
import dev.wharf.registry.schema.SchemaReference;
import dev.wharf.registry.schema.SchemaType;
import dev.wharf.registry.service.SchemaRequest;
import dev.wharf.registry.store.SchemaVersion;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The HTTP conventions of Confluent Schema Registry shared by every route: the media types it
 * answers and accepts, the lenient reading of bodies (unknown fields ignored, JSON of the wrong
 * shape 422) and of boolean query parameters, and the JSON shapes of a schema version.
 */
final class RegistryHttp {
  static final String V1 = "application/vnd.schemaregistry.v1+json";
  static final String GENERIC = "application/vnd.schemaregistry+json";
  static final String JSON = "application/json";
  private static final List<String> OFFERED = List.of(V1, GENERIC, JSON);
  private static final List<String> ACCEPTED_BODIES =
      List.of(V1, GENERIC, JSON, "application/octet-stream", "");

  private RegistryHttp() {}

  /** Answers 200 with {@code body} as JSON in the media type the client accepts. */
  static void ok(Context ctx, Object body) {
    Responses.json(ctx, 200, responseType(ctx), body);
  }

  /** Answers 200 with {@code text} as it is (a raw schema), labelled as the API's JSON. */
  static void raw(Context ctx, String text) {
    Responses.bytes(ctx, 200, responseType(ctx), text.getBytes(StandardCharsets.UTF_8));
  }

  /** The first offered type the Accept header allows; 406 when it allows none. */
  static String responseType(Context ctx) {
    String header = ctx.header("Accept");
    if (header == null || header.isBlank()) {
      return V1;
    }
    String best = null;
    double bestQuality = 0;
    for (String part : header.split(",")) {
      String[] pieces = part.split(";");
      String type = pieces[0].trim().toLowerCase(Locale.ROOT);
      double quality = quality(pieces);
      String match = match(type);
      if (match != null && quality > bestQuality) {
        best = match;
        bestQuality = quality;
      }
    }
    if (best == null) {
      throw new HttpError(406, "HTTP 406 Not Acceptable");
    }
    return best;
  }

  /** The content type of an error body: the negotiated one, else the API's own. */
  static String errorType(Context ctx) {
    try {
      return responseType(ctx);
    } catch (HttpError e) {
      return V1;
    }
  }

  private static String match(String type) {
    if (type.equals("*/*") || type.equals("application/*")) {
      return V1;
    }
    return OFFERED.contains(type) ? type : null;
  }

  private static double quality(String[] pieces) {
    for (int i = 1; i < pieces.length; i++) {
      String parameter = pieces[i].trim();
      if (parameter.startsWith("q=")) {
        try {
          return Double.parseDouble(parameter.substring(2));
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }

  /**
   * The body as a JSON object: 415 for a foreign media type; as Confluent 7.x answers, 422 for a
   * missing body and 400 for malformed JSON or JSON of the wrong shape.
   */
  static JsonNode body(Context ctx) {
    RequestBodies.requireMediaType(ctx, ACCEPTED_BODIES);
    JsonNode body = RequestBodies.jsonOrNull(ctx);
    if (body == null) {
      throw new HttpError(422, "The request body must not be null");
    }
    if (!body.isObject()) {
      throw new HttpError(
          400,
          "Cannot read the request body: a JSON object is expected, not " + body.getNodeType());
    }
    return body;
  }

  static SchemaRequest schemaRequest(Context ctx) {
    JsonNode body = body(ctx);
    List<SchemaReference> references = new ArrayList<>();
    JsonNode referenceNodes = body.path("references");
    if (!referenceNodes.isMissingNode() && !referenceNodes.isNull() && !referenceNodes.isArray()) {
      throw new HttpError(400, "Cannot read references: a JSON array is expected");
    }
    for (JsonNode reference : referenceNodes) {
      references.add(
          new SchemaReference(
              text(reference, "name"),
              text(reference, "subject"),
              reference.path("version").asInt()));
    }
    return new SchemaRequest(
        text(body, "schema"),
        text(body, "schemaType"),
        references,
        body.hasNonNull("id") ? body.get("id").asInt() : null,
        body.hasNonNull("version") ? body.get("version").asInt() : null);
  }

  /** A string member; null when absent; 400 when it is not a string. */
  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isValueNode()) {
      throw new HttpError(
          400, "Cannot read " + field + ": a JSON string is expected, not " + value.getNodeType());
    }
    return value.asText();
  }

  static boolean flag(Context ctx, String name) {
    String value = ctx.queryParam(name);
    return value != null && value.trim().equalsIgnoreCase("true");
  }

  /** {@code {"subject","version","id","schemaType"?,"references"?,"schema"}}. */
  static ObjectNode versionBody(SchemaVersion version) {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("subject", version.subject());
    node.put("version", version.version());
    node.put("id", version.id());
    addTypeAndReferences(node, version);
    node.put("schema", version.schema());
    return node;
  }

  /** Adds {@code schemaType} unless AVRO, and {@code references} unless empty. */
  static void addTypeAndReferences(ObjectNode node, SchemaVersion version) {
    if (version.type() != SchemaType.AVRO) {
      node.put("schemaType", version.type().name());
    }
    if (!version.references().isEmpty()) {
      ArrayNode references = node.putArray("references");
      for (SchemaReference reference : version.references()) {
        ObjectNode item = references.addObject();
        item.put("name", reference.name());
        item.put("subject", reference.subject());
        item.put("version", reference.version());
      }
    }
  }
}
