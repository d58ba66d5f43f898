package dev.wharf.serdes.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.wharf.serdes.RegisteredSchema;
import dev.wharf.serdes.SchemaRegistryClient;
import dev.wharf.serdes.SchemaRegistryException;
import dev.wharf.serdes.SerdeConfig;
import dev.wharf.serdes.WireFormat;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.errors.SerializationException;

/**
 * JSON Schema in Confluent's wire format, shared by the serializer, the deserializer and the
 * Connect converter: the payload is the UTF-8 JSON document after the 5-byte header. With {@code
 * json.fail.invalid.schema=true} documents are validated against their schema both ways. Parsed
 * schemas are cached by id.
 */
public final class JsonSchemaSerde {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final SchemaRegistry VALIDATORS =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);

  private final SchemaRegistryClient client;
  private final SerdeConfig config;
  private final Map<Integer, JsonNode> schemas = new ConcurrentHashMap<>();
  // Compiled once per id: compiling a schema costs far more than validating one document.
  private final Map<Integer, Schema> validators = new ConcurrentHashMap<>();

  public JsonSchemaSerde(SchemaRegistryClient client, SerdeConfig config) {
    this.client = client;
    this.config = config;
  }

  /** A document read back: the id and schema it was written with, and the document. */
  public record Read(int schemaId, JsonNode schema, JsonNode value) {}

  public byte[] serialize(String topic, boolean isKey, JsonNode schema, JsonNode value) {
    String title = schema == null ? null : schema.path("title").asText(null);
    String subject = config.strategy(isKey).subject(topic, isKey, title);
    int id;
    JsonNode writer = schema;
    try {
      if (config.useLatestVersion() || schema == null) {
        RegisteredSchema latest = client.latest(subject);
        id = latest.id();
        writer = schemaById(id);
      } else if (config.autoRegister()) {
        id = client.register(subject, "JSON", schema.toString(), config.normalize());
      } else {
        id = client.lookup(subject, "JSON", schema.toString(), config.normalize()).id();
      }
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "Error registering or finding the JSON schema of subject "
              + subject
              + ": "
              + e.getMessage(),
          e);
    }
    validate(writer, value, "subject " + subject);
    try {
      return WireFormat.frame(id, MAPPER.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new SerializationException("Error serializing JSON for subject " + subject, e);
    }
  }

  /**
   * Writes {@code value} with the registered schema {@code schemaId}, as a REST Proxy produce
   * request does once it knows the id: no registration, and the document is always validated
   * against the schema, whatever {@code json.fail.invalid.schema} says.
   *
   * @throws SerializationException when the schema cannot be fetched or the document does not match
   *     it
   */
  public byte[] serialize(int schemaId, JsonNode value) {
    JsonNode schema;
    try {
      schema = schemaById(schemaId);
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "Error retrieving JSON schema id " + schemaId + ": " + e.getMessage(), e);
    }
    report(
        validators.computeIfAbsent(schemaId, id -> VALIDATORS.getSchema(schema)).validate(value),
        "schema id " + schemaId);
    try {
      return WireFormat.frame(schemaId, MAPPER.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new SerializationException("Error serializing JSON for schema id " + schemaId, e);
    }
  }

  public Read deserialize(String topic, byte[] data) {
    WireFormat.Framed framed = WireFormat.unframe(topic, data);
    JsonNode schema;
    try {
      schema = schemaById(framed.schemaId());
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "Error retrieving JSON schema id " + framed.schemaId() + ": " + e.getMessage(), e);
    }
    JsonNode value;
    try {
      value = MAPPER.readTree(framed.payloadBytes());
    } catch (IOException e) {
      throw new SerializationException(
          "Error deserializing JSON of schema id " + framed.schemaId() + " on topic " + topic, e);
    }
    validate(schema, value, "schema id " + framed.schemaId());
    return new Read(framed.schemaId(), schema, value);
  }

  private void validate(JsonNode schema, JsonNode value, String what) {
    if (config.failInvalidSchema()) {
      check(schema, value, what);
    }
  }

  private static void check(JsonNode schema, JsonNode value, String what) {
    report(VALIDATORS.getSchema(schema).validate(value), what);
  }

  private static void report(List<Error> errors, String what) {
    if (!errors.isEmpty()) {
      throw new SerializationException(
          "JSON document does not match the schema of " + what + ": " + errors.get(0).getMessage());
    }
  }

  /** The parsed schema with global id {@code id}, fetched once. */
  public JsonNode schemaById(int id) {
    return schemas.computeIfAbsent(
        id,
        key -> {
          try {
            return MAPPER.readTree(client.byId(key).schema());
          } catch (IOException e) {
            throw new SerializationException("Schema id " + key + " is not JSON", e);
          }
        });
  }
}
