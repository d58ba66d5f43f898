package dev.wharf.proxy.format;

import dev.wharf.core.http.HttpError;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded formats this proxy supports, looked up by name or media type. The Schema Registry
 * formats (avro, jsonschema, protobuf) are recognised but not supported yet: asking for them gets
 * an error that says so, rather than data in the wrong format.
 */
public final class EmbeddedFormats {
  public static final EmbeddedFormat BINARY = new BinaryFormat();
  public static final EmbeddedFormat JSON = new JsonFormat();
  public static final EmbeddedFormat STRING = new StringFormat();

  private static final List<EmbeddedFormat> V2 = List.of(BINARY, JSON);
  private static final Set<String> SCHEMA_FORMATS = Set.of("avro", "jsonschema", "protobuf");

  private EmbeddedFormats() {}

  /** The v2 formats: binary and json. */
  public static List<EmbeddedFormat> v2() {
    return V2;
  }

  public static Optional<EmbeddedFormat> byName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return V2.stream().filter(format -> format.name().equals(lower)).findFirst();
  }

  public static Optional<EmbeddedFormat> byMediaType(String mediaType) {
    return V2.stream().filter(format -> format.mediaType().equals(mediaType)).findFirst();
  }

  /** Whether {@code name} is a Schema Registry format that this proxy does not support yet. */
  public static boolean isSchemaFormat(String name) {
    return SCHEMA_FORMATS.contains(name.toLowerCase(Locale.ROOT));
  }

  /** The media type of a Schema Registry format ({@code application/vnd.kafka.avro.v2+json}). */
  public static Optional<String> schemaFormatOf(String mediaType) {
    return SCHEMA_FORMATS.stream()
        .filter(name -> mediaType.equals("application/vnd.kafka." + name + ".v2+json"))
        .findFirst();
  }

  public static HttpError unsupported(int status, String name) {
    return new HttpError(
        status,
        "Embedded format '"
            + name
            + "' needs the Schema Registry, which this proxy does not support yet; use binary or"
            + " json");
  }
}
