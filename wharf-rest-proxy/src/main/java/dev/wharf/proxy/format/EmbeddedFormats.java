package dev.wharf.proxy.format;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

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

  /**
   * The Schema Registry format a media type names: {@code avro} for {@code
   * application/vnd.kafka.avro.v2+json}.
   */
  public static Optional<String> schemaFormatOf(String mediaType) {
    return SCHEMA_FORMATS.stream()
        .filter(name -> mediaType.equals("application/vnd.kafka." + name + ".v2+json"))
        .findFirst();
  }
}
