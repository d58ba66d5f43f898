package dev.wharf.proxy.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.wharf.core.http.HttpError;
import dev.wharf.core.http.Json;
import dev.wharf.proxy.http.MediaTypes;
import dev.wharf.serdes.SchemaRegistryClient;
import dev.wharf.serdes.SchemaRegistryException;
import dev.wharf.serdes.json.JsonSchemaSerde;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * JSON Schema in Confluent's wire format: keys and values are any JSON, validated against their
 * schema when produced and answered as stored when consumed.
 */
final class JsonSchemaFormat extends SchemaFormat {
  private final JsonSchemaSerde serde;

  JsonSchemaFormat(SchemaRegistryClient client, JsonSchemaSerde serde) {
    super(client, "jsonschema", MediaTypes.JSONSCHEMA_V2, "JSON", "JSONSCHEMA");
    this.serde = serde;
  }

  @Override
  public String parse(String schema) {
    JsonNode json;
    try {
      json = Json.mapper().readTree(schema);
    } catch (IOException e) {
      throw invalidSchema("not JSON: " + e.getMessage());
    }
    if (json == null || !(json.isObject() || json.isBoolean())) {
      throw invalidSchema("a JSON Schema is an object or a boolean (schema: " + schema + ")");
    }
    return json.path("title").asText(null);
  }

  @Override
  public String nameOf(int schemaId) {
    try {
      return serde.schemaById(schemaId).path("title").asText(null);
    } catch (SchemaRegistryException | SerializationException e) {
      throw lookupFailed("Error when fetching schema by id. schemaId = " + schemaId, e);
    }
  }

  @Override
  byte[] write(int schemaId, JsonNode data, String what) {
    try {
      return serde.serialize(schemaId, data);
    } catch (SerializationException e) {
      throw new HttpError(408, 40801, what + ": " + e.getMessage());
    }
  }

  @Override
  public byte[] encode(JsonNode data, String what) {
    return writer(null, false).encode(data, what);
  }

  @Override
  public JsonNode decode(byte[] bytes) {
    if (bytes == null) {
      return NullNode.getInstance();
    }
    try {
      return serde.deserialize("", bytes).value();
    } catch (SerializationException | SchemaRegistryException e) {
      throw new FormatException("not JSON Schema data in the wire format: " + e.getMessage());
    }
  }
}
