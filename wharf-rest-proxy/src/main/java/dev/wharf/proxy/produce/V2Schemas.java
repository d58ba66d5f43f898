package dev.wharf.proxy.produce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.http.HttpError;
import dev.wharf.proxy.format.EmbeddedFormat;
import dev.wharf.proxy.format.SchemaFormat;

/**
 * The key and value schemas of a v2 produce request in a Schema Registry format, resolved to ids:
 * {@code key_schema_id} / {@code value_schema_id} name a registered schema, {@code key_schema} /
 * {@code value_schema} carry one as text, registered under the topic's subject ({@code
 * <topic>-key}, {@code <topic>-value}) unless it is there already. An id wins over a text.
 *
 * @param keySchemaId the key schema's id, null when the request has none
 * @param valueSchemaId the value schema's id, null when the request has none
 * @param keyFormat encodes keys with the key schema
 * @param valueFormat encodes values with the value schema
 */
record V2Schemas(
    Integer keySchemaId,
    Integer valueSchemaId,
    EmbeddedFormat keyFormat,
    EmbeddedFormat valueFormat) {

  static V2Schemas resolve(SchemaFormat format, String topic, JsonNode body) {
    Integer keyId = id(format, topic, body, true);
    Integer valueId = id(format, topic, body, false);
    return new V2Schemas(keyId, valueId, format.writer(keyId, true), format.writer(valueId, false));
  }

  private static Integer id(SchemaFormat format, String topic, JsonNode body, boolean isKey) {
    if (body == null || !body.isObject()) {
      return null;
    }
    String side = isKey ? "key" : "value";
    JsonNode id = body.get(side + "_schema_id");
    if (id != null && !id.isNull()) {
      // Confluent's examples send the id as a number or as a numeric string; both work there.
      if (id.canConvertToInt() && id.isIntegralNumber()) {
        return format.byId(id.intValue()).id();
      }
      if (id.isTextual() && id.textValue().trim().matches("\\d{1,9}")) {
        return format.byId(Integer.parseInt(id.textValue().trim())).id();
      }
      throw HttpError.badRequest("'" + side + "_schema_id' must be an integer, not " + id);
    }
    JsonNode schema = body.get(side + "_schema");
    if (schema != null && !schema.isNull()) {
      if (!schema.isTextual()) {
        throw HttpError.badRequest(
            "'" + side + "_schema' must be the schema as a string (JSON text inside a string)");
      }
      return format.register(topic + "-" + side, schema.textValue()).id();
    }
    return null;
  }
}
