package dev.wharf.registry.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses schema text of any supported type; PROTOBUF and unknown types are invalid. */
public final class SchemaParser {
  /** The types {@code GET /schemas/types} lists. */
  public static final List<String> SUPPORTED = List.of("JSON", "AVRO");

  private SchemaParser() {}

  /**
   * Parses {@code text} as {@code type}, with {@code references} resolved transitively and given
   * dependencies first.
   */
  public static ParsedSchema parse(SchemaType type, String text, List<ResolvedReference> references)
      throws InvalidSchemaException {
    if (text == null || text.isBlank()) {
      throw new InvalidSchemaException("Empty schema");
    }
    switch (type) {
      case AVRO:
        return AvroSchema.parse(text, references.stream().map(ResolvedReference::text).toList());
      case JSON:
        Map<String, String> byName = new LinkedHashMap<>();
        references.forEach(reference -> byName.put(reference.name(), reference.text()));
        return JsonSchema.parse(text, byName);
      default:
        throw new InvalidSchemaException(
            "Invalid schema: schema type " + type + " is not supported by this registry");
    }
  }
}
