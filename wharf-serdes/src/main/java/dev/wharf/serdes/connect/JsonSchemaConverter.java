package dev.wharf.serdes.connect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.serdes.SchemaRegistryClient;
import dev.wharf.serdes.SerdeConfig;
import dev.wharf.serdes.json.JsonSchemaSerde;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * The Connect converter for JSON Schema in Confluent's wire format, the counterpart of {@code
 * io.confluent.connect.json.JsonSchemaConverter}: Connect data is mapped to a JSON Schema and a
 * JSON document as Confluent's JsonSchemaData does, the schema registered (or looked up) with the
 * serializer settings, and documents read back into Connect data with the schema they were written
 * with.
 */
public final class JsonSchemaConverter implements Converter {
  private SchemaRegistryClient client;
  private JsonSchemaSerde serde;
  private boolean isKey;
  private final Map<Schema, JsonNode> jsonSchemas = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> connectSchemas = new ConcurrentHashMap<>();

  public JsonSchemaConverter() {}

  /** A converter that uses {@code client} instead of building one from the config. */
  public JsonSchemaConverter(SchemaRegistryClient client) {
    this.client = client;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    SerdeConfig config = SerdeConfig.parse(configs);
    this.isKey = isKey;
    this.serde = new JsonSchemaSerde(client != null ? client : config.newClient(), config);
  }

  @Override
  public byte[] fromConnectData(String topic, Schema schema, Object value) {
    if (value == null && (schema == null || schema.isOptional())) {
      return null;
    }
    if (schema == null) {
      throw new DataException(
          "JsonSchemaConverter needs a schema to write a value to topic " + topic);
    }
    JsonNode jsonSchema = jsonSchemas.computeIfAbsent(schema, JsonSchemaMapping::toJsonSchema);
    try {
      return serde.serialize(topic, isKey, jsonSchema, JsonValueMapping.toJson(schema, value));
    } catch (SerializationException e) {
      throw new DataException(
          "Failed to serialize JSON Schema data for topic " + topic + ": " + e.getMessage(), e);
    }
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    if (value == null) {
      return SchemaAndValue.NULL;
    }
    JsonSchemaSerde.Read read;
    try {
      read = serde.deserialize(topic, value);
    } catch (SerializationException e) {
      throw new DataException(
          "Failed to deserialize JSON Schema data from topic " + topic + ": " + e.getMessage(), e);
    }
    Schema schema =
        connectSchemas.computeIfAbsent(
            read.schemaId(), id -> JsonSchemaMapping.toConnect(read.schema()));
    return new SchemaAndValue(schema, JsonValueMapping.toConnect(schema, read.value()));
  }
}
