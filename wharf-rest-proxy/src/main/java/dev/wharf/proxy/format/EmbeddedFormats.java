package dev.wharf.proxy.format;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded formats that need nothing but the bytes (binary, json, and v3's string), looked up
 * by name or media type, and the names of the Schema Registry formats, which {@link SchemaFormats}
 * serves.
 */
public final class EmbeddedFormats {
  public static final EmbeddedFormat BINARY = new BinaryFormat();
  public static final EmbeddedFormat JSON = new JsonFormat();
  public static final EmbeddedFormat STRING = new StringFormat();

  private static final List<EmbeddedFormat> V2 = List.of(BINARY, JSON);
  private static final Map<String, String> SCHEMA_FORMATS =
      Map.of(
          "application/vnd.kafka.avro.v2+json", "avro",
          "application/vnd.kafka.jsonschema.v2+json", "jsonschema",
          "application/vnd.kafka.protobuf.v2+json", "protobuf");

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

  /**
   * The Schema Registry format a media type names: {@code avro} for {@code
   * application/vnd.kafka.avro.v2+json}.
   */
  public static Optional<String> schemaFormatOf(String mediaType) {
    return Optional.ofNullable(SCHEMA_FORMATS.get(mediaType));
  }
}
