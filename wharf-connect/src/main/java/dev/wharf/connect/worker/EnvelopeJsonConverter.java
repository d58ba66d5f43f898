package dev.wharf.connect.worker;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.storage.Converter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache's {@link JsonConverter}, minus the per-record work on the schema envelope (with {@code
 * schemas.enable=true}) and on setting up a JSON generator (both ways): the same converter does all
 * the converting, and this class only remembers what does not change from record to record, except
 * for flat Structs, whose payload {@link FlatStructJson} writes and reads without a JSON tree.
 * Reading, the Connect schema is looked up by the exact bytes of the envelope's {@code schema} (a
 * byte comparison instead of building, hashing and comparing a JSON tree); writing, the serialized
 * schema is kept per Connect schema and only the payload is serialized. Values, schemas, bytes and
 * errors are the converter's own: anything this class does not recognise as a plain {@code
 * {"schema":{...},"payload":{...}}} goes to the converter unchanged.
 */
final class EnvelopeJsonConverter implements Converter {
  private static final Logger log = LoggerFactory.getLogger(EnvelopeJsonConverter.class);
  private static final byte[] SCHEMA_PREFIX =
      "{\"schema\":".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  private static final byte[] PAYLOAD_INFIX =
      ",\"payload\":".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  private static final JsonConverterInternals INTERNALS = JsonConverterInternals.find();

  private final JsonConverter delegate;
  private final JsonConverterConfig config;
  private final ObjectMapper reader;
  private final ObjectMapper writer;
  private final int cacheSize;
  private final Map<Bytes, Schema> schemasByBytes;
  private final Map<Schema, byte[]> bytesBySchema;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
  private JsonGenerator generator;
  private byte[] lastSchemaBytes;
  private Schema lastSchema;
  private Schema lastWritten;
  private byte[] lastWrittenBytes;
  // The flat-struct plan of the last schema written, and of the last schema read (null: none).
  private Schema lastPlanned;
  private FlatStructJson writePlan;
  private FlatStructJson readPlan;

  private EnvelopeJsonConverter(JsonConverter delegate, JsonConverterInternals internals)
      throws Throwable {
    this.delegate = delegate;
    this.config = (JsonConverterConfig) internals.config().get(delegate);
    this.reader =
        (ObjectMapper) internals.deserializerMapper().get(internals.deserializer().get(delegate));
    this.writer =
        (ObjectMapper) internals.serializerMapper().get(internals.serializer().get(delegate));
    this.cacheSize = Math.max(1, config.schemaCacheSize());
    this.schemasByBytes = lru(cacheSize);
    this.bytesBySchema = lru(cacheSize);
  }

  /**
   * {@code converter}, configured, behind this cache when it is Apache's JsonConverter with no
   * fixed {@code schema.content}; otherwise {@code converter} itself.
   */
  static Converter wrap(Converter converter) {
    if (INTERNALS == null || converter.getClass() != JsonConverter.class) {
      return converter;
    }
    try {
      JsonConverter json = (JsonConverter) converter;
      JsonConverterConfig config = (JsonConverterConfig) INTERNALS.config().get(json);
      if (config == null || INTERNALS.fixedSchema().get(json) != null) {
        return converter;
      }
      return new EnvelopeJsonConverter(json, INTERNALS);
    } catch (Throwable e) {
      log.debug("JsonConverter's internals are not as expected; using it as it is", e);
      return converter;
    }
  }

  /** The converter doing the work, e.g. for error reports that name the converter's class. */
  static Class<?> converterClass(Converter converter) {
    return converter instanceof EnvelopeJsonConverter e
        ? e.delegate.getClass()
        : converter.getClass();
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    delegate.configure(configs, isKey);
  }

  @Override
  public byte[] fromConnectData(String topic, Headers headers, Schema schema, Object value) {
    return fromConnectData(topic, schema, value);
  }

  @Override
  public SchemaAndValue toConnectData(String topic, Headers headers, byte[] value) {
    return toConnectData(topic, value);
  }

  @Override
  public void close() {
    delegate.close();
  }

  // ---- writing ----

  @Override
  public byte[] fromConnectData(String topic, Schema schema, Object value) {
    if (!config.schemasEnabled()) {
      // Schemaless: the converter's JSON of the value alone, through the kept generator.
      if (schema == null && value == null) {
        return null;
      }
      byte[] direct = writeFlat(null, schema, value);
      if (direct != null) {
        return direct;
      }
      JsonNode json = toJson(schema, value);
      return json == null ? null : write(null, json);
    }
    if (schema == null) {
      return delegate.fromConnectData(topic, null, value);
    }
    // As the converter does: the schema first (its errors come first), then the payload.
    byte[] schemaJson = schemaJson(schema);
    byte[] direct = writeFlat(schemaJson, schema, value);
    return direct != null ? direct : write(schemaJson, toJson(schema, value));
  }

  /**
   * The record written straight from a flat Struct's values ({@link FlatStructJson}), or null when
   * {@code value} is not one: the tree path then writes it.
   */
  private byte[] writeFlat(byte[] schemaJson, Schema schema, Object value) {
    if (!(value instanceof Struct)) {
      return null;
    }
    synchronized (out) {
      if (schema != lastPlanned) {
        writePlan = FlatStructJson.of(schema);
        lastPlanned = schema;
      }
      FlatStructJson plan = writePlan;
      if (plan == null || !plan.accepts(value)) {
        return null;
      }
      return envelope(schemaJson, plan::write);
    }
  }

  private JsonNode toJson(Schema schema, Object value) {
    try {
      return (JsonNode) INTERNALS.convertToJson().invokeExact(delegate, schema, value);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new DataException("Converting Kafka Connect data to JSON failed", e);
    }
  }

  /**
   * The bytes the converter writes: {@code payload} alone when {@code schemaJson} is null, else its
   * envelope object, assembled from the cached schema.
   */
  private byte[] write(byte[] schemaJson, JsonNode payload) {
    synchronized (out) {
      return envelope(schemaJson, gen -> writer.writeTree(gen, payload));
    }
  }

  /** Writes a payload through the kept generator. */
  private interface Payload {
    void writeTo(JsonGenerator gen) throws IOException;
  }

  /** The payload, inside the envelope when {@code schemaJson} is not null; holds {@link #out}. */
  private byte[] envelope(byte[] schemaJson, Payload payload) {
    out.reset();
    if (schemaJson != null) {
      out.write(SCHEMA_PREFIX, 0, SCHEMA_PREFIX.length);
      out.write(schemaJson, 0, schemaJson.length);
      out.write(PAYLOAD_INFIX, 0, PAYLOAD_INFIX.length);
    }
    try {
      JsonGenerator gen = generator();
      payload.writeTo(gen);
      gen.flush();
    } catch (IOException | RuntimeException e) {
      // A generator that failed half-way is in no state to write the next record.
      generator = null;
      throw new DataException(
          "Converting Kafka Connect data to byte[] failed due to serialization error: ",
          new SerializationException("Error serializing JSON message", e));
    }
    if (schemaJson != null) {
      out.write('}');
    }
    return out.toByteArray();
  }

  /**
   * One generator kept open over {@link #out} for every record (creating one per record is a
   * measurable share of a source task's time), configured as the converter's own serializer
   * configures its generators, with nothing written between the root values it writes.
   */
  private JsonGenerator generator() throws IOException {
    if (generator == null) {
      generator = writer.getFactory().createGenerator(out);
      writer.getSerializationConfig().initialize(generator);
      generator.setRootValueSeparator(null);
    }
    return generator;
  }

  private synchronized byte[] schemaJson(Schema schema) {
    // Source connectors mostly hand over the same Schema object record after record.
    if (schema == lastWritten) {
      return lastWrittenBytes;
    }
    byte[] json = bytesBySchema.get(schema);
    if (json == null) {
      try {
        json = writer.writeValueAsBytes(delegate.asJsonSchema(schema));
      } catch (JsonProcessingException e) {
        throw new DataException(
            "Converting Kafka Connect data to byte[] failed due to serialization error: ",
            new SerializationException("Error serializing JSON message", e));
      }
      bytesBySchema.put(schema, json);
    }
    lastWritten = schema;
    lastWrittenBytes = json;
    return json;
  }

  // ---- reading ----

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    if (value == null || !config.schemasEnabled()) {
      // Schemaless records have no schema to cache: the converter reads them.
      return delegate.toConnectData(topic, value);
    }
    SchemaAndValue fast;
    try {
      fast = read(value);
    } catch (IOException | RuntimeException e) {
      // Malformed or unusual input: the converter reads it and reports its own error.
      fast = null;
    }
    return fast != null ? fast : delegate.toConnectData(topic, value);
  }

  /**
   * The record read with a cached schema, or null when it is not a plain envelope of a schema
   * object and a payload object (the converter then reads it itself).
   */
  SchemaAndValue read(byte[] value) throws IOException {
    SchemaAndValue compact = readCompact(value);
    return compact != null ? compact : readAny(value);
  }

  /**
   * The common case without tokenizing the schema at all: the record is exactly {@code
   * {"schema":S,"payload":P}} as JsonConverter writes it, with S byte for byte the last schema
   * seen. S is one complete JSON object, so its bytes alone say where it ends; P must then be one
   * JSON object filling the rest up to the closing brace. Null when the record is not of that form.
   */
  private SchemaAndValue readCompact(byte[] value) throws IOException {
    byte[] last;
    Schema schema;
    FlatStructJson plan;
    synchronized (this) {
      last = lastSchemaBytes;
      schema = lastSchema;
      plan = readPlan;
    }
    int payloadStart =
        SCHEMA_PREFIX.length + (last == null ? 0 : last.length) + PAYLOAD_INFIX.length;
    if (last == null
        || value.length <= payloadStart + 1
        || value[value.length - 1] != '}'
        || !Arrays.equals(SCHEMA_PREFIX, 0, SCHEMA_PREFIX.length, value, 0, SCHEMA_PREFIX.length)
        || !Arrays.equals(
            last, 0, last.length, value, SCHEMA_PREFIX.length, SCHEMA_PREFIX.length + last.length)
        || !Arrays.equals(
            PAYLOAD_INFIX,
            0,
            PAYLOAD_INFIX.length,
            value,
            payloadStart - PAYLOAD_INFIX.length,
            payloadStart)) {
      return null;
    }
    if (plan != null) {
      try (JsonParser parser =
          reader.createParser(value, payloadStart, value.length - 1 - payloadStart)) {
        if (parser.nextToken() == JsonToken.START_OBJECT) {
          Object flat = plan.read(parser);
          if (flat != null && parser.nextToken() == null) {
            return new SchemaAndValue(schema, flat);
          }
        }
      }
      // Not the usual payload: the converter's tree reads it.
    }
    return readTree(value, payloadStart, schema);
  }

  /** The payload from {@code payloadStart} read through the converter's tree. */
  private SchemaAndValue readTree(byte[] value, int payloadStart, Schema schema)
      throws IOException {
    JsonNode payload;
    try (JsonParser parser =
        reader.createParser(value, payloadStart, value.length - 1 - payloadStart)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      payload = reader.readTree(parser);
      if (parser.nextToken() != null) {
        return null;
      }
    }
    return new SchemaAndValue(schema, convert(schema, payload));
  }

  private SchemaAndValue readAny(byte[] value) throws IOException {
    Schema schema = null;
    JsonNode payload = null;
    boolean sawSchema = false;
    try (JsonParser parser = reader.createParser(value)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        if ("schema".equals(name) && !sawSchema) {
          if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
          }
          int start = (int) parser.currentTokenLocation().getByteOffset();
          parser.skipChildren();
          int end = (int) parser.currentLocation().getByteOffset();
          if (start < 0 || end <= start || end > value.length || value[end - 1] != '}') {
            return null;
          }
          schema = schema(value, start, end);
          sawSchema = true;
        } else if ("payload".equals(name) && payload == null) {
          if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
          }
          payload = reader.readTree(parser);
        } else {
          return null;
        }
      }
      if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
        return null;
      }
    }
    if (!sawSchema || payload == null || schema == null) {
      return null;
    }
    return new SchemaAndValue(schema, convert(schema, payload));
  }

  /** The converter's own conversion of a payload with its schema. */
  private Object convert(Schema schema, JsonNode payload) {
    try {
      return INTERNALS.convertToConnect().invokeExact(schema, payload, config);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new DataException("Converting JSON to Kafka Connect data failed", e);
    }
  }

  private synchronized Schema schema(byte[] value, int start, int end) throws IOException {
    // Most topics carry one schema: compare with the last one before hashing anything.
    if (lastSchemaBytes != null
        && Arrays.equals(lastSchemaBytes, 0, lastSchemaBytes.length, value, start, end)) {
      return lastSchema;
    }
    Bytes key = new Bytes(Arrays.copyOfRange(value, start, end));
    Schema schema = schemasByBytes.get(key);
    if (schema == null) {
      JsonNode node;
      try (JsonParser parser = reader.createParser(key.bytes)) {
        node = reader.readTree(parser);
      }
      schema = delegate.asConnectSchema(node);
      if (schema == null) {
        return null;
      }
      schemasByBytes.put(key, schema);
    }
    lastSchemaBytes = key.bytes;
    lastSchema = schema;
    readPlan = FlatStructJson.of(schema);
    return schema;
  }

  private static <K, V> Map<K, V> lru(int size) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > size;
      }
    };
  }

  /** Bytes compared by content, as a cache key. */
  private static final class Bytes {
    final byte[] bytes;
    private final int hash;

    Bytes(byte[] bytes) {
      this.bytes = bytes;
      this.hash = Arrays.hashCode(bytes);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Bytes b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
