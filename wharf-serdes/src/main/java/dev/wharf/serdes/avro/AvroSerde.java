package dev.wharf.serdes.avro;

import dev.wharf.serdes.RegisteredSchema;
import dev.wharf.serdes.SchemaRegistryClient;
import dev.wharf.serdes.SchemaRegistryException;
import dev.wharf.serdes.SerdeConfig;
import dev.wharf.serdes.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.util.Utf8;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Avro in Confluent's wire format, shared by the serializer, the deserializer and the Connect
 * converter: finds the schema id the way Confluent's serializer does (register, latest version, or
 * look up), writes Avro binary after the 5-byte header, and reads it back with the writer's schema
 * fetched by id. Parsed schemas are cached by id.
 */
public final class AvroSerde {
  private final SchemaRegistryClient client;
  private final SerdeConfig config;
  private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();
  private final Map<Schema, String> texts = new ConcurrentHashMap<>();

  public AvroSerde(SchemaRegistryClient client, SerdeConfig config) {
    this.client = client;
    this.config = config;
  }

  /** A value read back: the id and schema it was written with, and the value. */
  public record Read(int schemaId, Schema schema, Object value) {}

  public byte[] serialize(String topic, boolean isKey, Schema schema, Object value) {
    String subject = config.strategy(isKey).subject(topic, isKey, AvroSchemas.fullName(schema));
    String text = texts.computeIfAbsent(schema, Schema::toString);
    int id;
    Schema writer = schema;
    try {
      if (config.useLatestVersion()) {
        RegisteredSchema latest = client.latest(subject);
        id = latest.id();
        writer = schemaById(id);
      } else if (config.autoRegister()) {
        id = client.register(subject, "AVRO", text, config.normalize());
      } else {
        id = client.lookup(subject, "AVRO", text, config.normalize()).id();
      }
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "Error registering or finding the Avro schema of subject "
              + subject
              + ": "
              + e.getMessage(),
          e);
    }
    return WireFormat.frame(id, encode(writer, value, "subject " + subject));
  }

  private static byte[] encode(Schema schema, Object value, String what) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    Object datum = value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
    try {
      new GenericDatumWriter<>(schema).write(datum, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Error serializing Avro data for " + what + ": " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /**
   * Writes {@code value} with the registered schema {@code schemaId}, as a REST Proxy produce
   * request naming {@code value_schema_id} does; no registration.
   */
  public byte[] serialize(int schemaId, Object value) {
    Schema schema;
    try {
      schema = schemaById(schemaId);
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "Error retrieving Avro schema id " + schemaId + ": " + e.getMessage(), e);
    }
    return WireFormat.frame(schemaId, encode(schema, value, "schema id " + schemaId));
  }

  public Read deserialize(String topic, byte[] data) {
    WireFormat.Framed framed = WireFormat.unframe(topic, data);
    Schema schema;
    try {
      schema = schemaById(framed.schemaId());
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "Error retrieving Avro schema id " + framed.schemaId() + ": " + e.getMessage(), e);
    }
    ByteBuffer payload = framed.payload();
    BinaryDecoder decoder =
        DecoderFactory.get()
            .binaryDecoder(
                payload.array(),
                payload.arrayOffset() + payload.position(),
                payload.remaining(),
                null);
    Object value;
    try {
      value = new GenericDatumReader<>(schema).read(null, decoder);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Error deserializing Avro data of schema id "
              + framed.schemaId()
              + " on topic "
              + topic
              + ": "
              + e.getMessage(),
          e);
    }
    if (value instanceof Utf8 utf8) {
      value = utf8.toString();
    } else if (value instanceof ByteBuffer buffer && schema.getType() == Schema.Type.BYTES) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      value = bytes;
    }
    return new Read(framed.schemaId(), schema, value);
  }

  /** The parsed schema with global id {@code id}, fetched once. */
  public Schema schemaById(int id) {
    return schemas.computeIfAbsent(id, key -> new Schema.Parser().parse(client.byId(key).schema()));
  }
}
