package dev.wharf.proxy.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.http.HttpError;
import dev.wharf.serdes.RegisteredSchema;
import dev.wharf.serdes.SchemaRegistryClient;
import dev.wharf.serdes.SchemaRegistryException;

/**
 * An embedded format whose data is written in Confluent's wire format against a schema in the
 * Schema Registry (avro, jsonschema). Reading needs nothing more than the bytes, so the format
 * itself decodes; writing needs a schema, so a produce request first resolves its schema to an id
 * ({@link #register}, {@link #byId}) and then encodes with {@link #writer}. Registry failures are
 * answered as Confluent does: an unparsable schema is 422/42205, a failed registration or lookup
 * and data that does not match the schema 408/40801.
 */
public abstract class SchemaFormat implements EmbeddedFormat {
  private final SchemaRegistryClient client;
  private final String name;
  private final String mediaType;
  private final String schemaType;
  private final String v3Type;

  /**
   * A format named {@code name} in v2 requests and media types ({@code mediaType}), whose schemas
   * the registry calls {@code schemaType} and the v3 API {@code v3Type}.
   */
  SchemaFormat(
      SchemaRegistryClient client,
      String name,
      String mediaType,
      String schemaType,
      String v3Type) {
    this.client = client;
    this.name = name;
    this.mediaType = mediaType;
    this.schemaType = schemaType;
    this.v3Type = v3Type;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String mediaType() {
    return mediaType;
  }

  /** The registry's name of the schema type: {@code AVRO} or {@code JSON}. */
  public final String schemaType() {
    return schemaType;
  }

  /** The v3 type name: {@code AVRO} or {@code JSONSCHEMA}. */
  public final String v3Type() {
    return v3Type;
  }

  /**
   * Checks that {@code schema} is a schema of this format and returns the name a record-name
   * subject strategy uses (null for an unnamed schema).
   *
   * @throws HttpError 422/42205 when it is not
   */
  public abstract String parse(String schema);

  /** The bytes of {@code data} written with the registered schema {@code schemaId}. */
  abstract byte[] write(int schemaId, JsonNode data, String what);

  /** The record-name strategy name of the registered schema {@code schemaId}. */
  public abstract String nameOf(int schemaId);

  /**
   * A format that writes keys (or values) with schema {@code schemaId}; with a null id, any data
   * that is not null is refused with 422/42201 for keys and 42202 for values, as Confluent refuses
   * a request with keys but no key schema.
   */
  public EmbeddedFormat writer(Integer schemaId, boolean isKey) {
    return new Writer(this, schemaId, isKey);
  }

  /**
   * The id of {@code schema} under {@code subject}, registering it when it is new (Confluent's
   * proxy looks the schema up and registers it when the lookup fails).
   */
  public RegisteredSchema register(String subject, String schema) {
    parse(schema);
    try {
      int id = client.register(subject, schemaType(), schema, false);
      return new RegisteredSchema(id, schema, schemaType(), subject, -1);
    } catch (SchemaRegistryException e) {
      if (e.errorCode() == 42201) {
        throw invalidSchema(e.getMessage());
      }
      throw lookupFailed("Error when registering schema under subject '" + subject + "'", e);
    }
  }

  /** The registry's type ({@code AVRO}, {@code JSON}, ...) of registered schema {@code id}. */
  String schemaTypeOf(int id) {
    try {
      return client.byId(id).schemaType();
    } catch (SchemaRegistryException e) {
      throw lookupFailed("Error when fetching schema by id. schemaId = " + id, e);
    }
  }

  /** The registered schema {@code id}; 408/40801 when there is none or it is of another type. */
  public RegisteredSchema byId(int id) {
    RegisteredSchema schema;
    try {
      schema = client.byId(id);
    } catch (SchemaRegistryException e) {
      throw lookupFailed("Error when fetching schema by id. schemaId = " + id, e);
    }
    if (!schema.schemaType().equals(schemaType())) {
      throw new HttpError(
          408,
          40801,
          "Schema id "
              + id
              + " is a "
              + schema.schemaType()
              + " schema, not "
              + schemaType()
              + " as the "
              + name()
              + " format needs");
    }
    return schema;
  }

  /** Version {@code version} of {@code subject}, or its latest when {@code version} is null. */
  public RegisteredSchema version(String subject, Integer version) {
    try {
      return version == null ? client.latest(subject) : client.version(subject, version);
    } catch (SchemaRegistryException e) {
      throw lookupFailed(
          "Error when fetching "
              + (version == null ? "the latest version" : "version " + version)
              + " of subject '"
              + subject
              + "'",
          e);
    }
  }

  /** The version of registered {@code schema} under {@code subject}. */
  public int versionOf(String subject, RegisteredSchema schema) {
    try {
      return client.lookup(subject, schemaType(), schema.schema(), false).version();
    } catch (SchemaRegistryException e) {
      throw lookupFailed(
          "Error when fetching schema version. subject = " + subject + ", id = " + schema.id(), e);
    }
  }

  static HttpError invalidSchema(String detail) {
    return new HttpError(422, 42205, "Invalid schema: " + detail);
  }

  static HttpError lookupFailed(String what, Exception cause) {
    return new HttpError(408, 40801, what + ": " + cause.getMessage());
  }

  /** Encodes with one resolved schema id (or refuses data when there is none). */
  private static final class Writer implements EmbeddedFormat {
    private final SchemaFormat format;
    private final Integer schemaId;
    private final boolean isKey;

    Writer(SchemaFormat format, Integer schemaId, boolean isKey) {
      this.format = format;
      this.schemaId = schemaId;
      this.isKey = isKey;
    }

    @Override
    public String name() {
      return format.name();
    }

    @Override
    public String mediaType() {
      return format.mediaType();
    }

    @Override
    public byte[] encode(JsonNode data, String what) {
      if (data == null || data.isNull()) {
        return null;
      }
      if (schemaId == null) {
        throw isKey
            ? new HttpError(422, 42201, "Request includes keys but does not include key schema")
            : new HttpError(
                422, 42202, "Request includes values but does not include value schema");
      }
      return format.write(schemaId, data, what);
    }

    @Override
    public JsonNode decode(byte[] bytes) {
      return format.decode(bytes);
    }
  }
}
