package dev.wharf.proxy.format;

import dev.wharf.core.http.HttpError;
import dev.wharf.serdes.SchemaRegistryClient;
import dev.wharf.serdes.SerdeConfig;
import dev.wharf.serdes.avro.AvroSerde;
import dev.wharf.serdes.json.JsonSchemaSerde;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Schema Registry formats of one proxy (avro, jsonschema), sharing one caching registry client
 * for {@code schema.registry.url}. With no URL configured the formats are known but refused with a
 * 4xx that says why; protobuf is always refused.
 */
public final class SchemaFormats {
  private final String registryUrl;
  private final SchemaFormat avro;
  private final SchemaFormat jsonSchema;

  private SchemaFormats(String registryUrl, SchemaFormat avro, SchemaFormat jsonSchema) {
    this.registryUrl = registryUrl;
    this.avro = avro;
    this.jsonSchema = jsonSchema;
  }

  /**
   * @param registryUrl {@code schema.registry.url}: URLs separated by commas, or blank for none
   * @param userInfo {@code user:password} for the registry, or blank
   */
  public static SchemaFormats of(String registryUrl, String userInfo) {
    if (registryUrl == null || registryUrl.isBlank()) {
      return new SchemaFormats("", null, null);
    }
    SerdeConfig config =
        SerdeConfig.parse(
            Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL,
                registryUrl,
                SerdeConfig.BASIC_AUTH_USER_INFO,
                userInfo == null ? "" : userInfo));
    SchemaRegistryClient client = config.newClient();
    return new SchemaFormats(
        registryUrl,
        new AvroFormat(client, new AvroSerde(client, config)),
        new JsonSchemaFormat(client, new JsonSchemaSerde(client, config)));
  }

  /**
   * The Schema Registry format named {@code name} ({@code avro}, {@code jsonschema}, any case);
   * empty for a name that is no Schema Registry format.
   *
   * @throws HttpError with {@code status} for protobuf, or when no registry is configured
   */
  public Optional<SchemaFormat> byName(String name, int status) {
    String lower = name.toLowerCase(Locale.ROOT);
    return switch (lower) {
      case "avro" -> Optional.of(require(avro, lower, status));
      case "jsonschema" -> Optional.of(require(jsonSchema, lower, status));
      case "protobuf" ->
          throw new HttpError(
              status, "Embedded format 'protobuf' is not supported; use avro or jsonschema");
      default -> Optional.empty();
    };
  }

  /** The format a v2 media type such as {@code application/vnd.kafka.avro.v2+json} selects. */
  public Optional<SchemaFormat> byMediaType(String mediaType, int status) {
    return EmbeddedFormats.schemaFormatOf(mediaType).flatMap(name -> byName(name, status));
  }

  private SchemaFormat require(SchemaFormat format, String name, int status) {
    if (format == null) {
      throw new HttpError(
          status,
          "Embedded format '"
              + name
              + "' needs the Schema Registry, and this REST Proxy has none configured"
              + " (schema.registry.url is empty); use binary or json");
    }
    return format;
  }

  /**
   * The format of the registry's schema type {@code AVRO} or {@code JSON}.
   *
   * @throws HttpError with {@code status} for another type, or when no registry is configured
   */
  public SchemaFormat forSchemaType(String schemaType, int status) {
    return switch (schemaType) {
      case "AVRO" -> require(avro, "avro", status);
      case "JSON" -> require(jsonSchema, "jsonschema", status);
      default ->
          throw new HttpError(
              status, "Schemas of type " + schemaType + " are not supported; use AVRO or JSON");
    };
  }

  /**
   * The format of registered schema {@code id}, whichever it is.
   *
   * @throws HttpError 408/40801 when the registry has no such schema; {@code status} when no
   *     registry is configured
   */
  public SchemaFormat forSchemaId(int id, int status) {
    SchemaFormat any = require(avro, "avro", status);
    return forSchemaType(any.schemaTypeOf(id), status);
  }

  /** {@code schema.registry.url}, blank when none is configured. */
  public String registryUrl() {
    return registryUrl;
  }
}
