package dev.wharf.registry.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.wharf.core.http.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A JSON Schema document. It must be JSON, valid against its draft's meta-schema (draft 7 when it
 * names none) and loadable by the validator with its references; its canonical text is the compact
 * JSON of the document, member order kept.
 */
final class JsonSchema implements ParsedSchema {
  private static final SchemaRegistry META =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);

  private final JsonNode document;
  private final String canonical;

  private JsonSchema(JsonNode document) {
    this.document = document;
    this.canonical = document.toString();
  }

  /** Parses {@code text}; {@code references} maps each referenced name to its schema text. */
  static JsonSchema parse(String text, Map<String, String> references)
      throws InvalidSchemaException {
    JsonNode document;
    try {
      document = Json.mapper().readTree(text);
    } catch (IOException e) {
      throw new InvalidSchemaException("Invalid schema: not JSON: " + e.getMessage(), e);
    }
    if (document == null || !(document.isObject() || document.isBoolean())) {
      throw new InvalidSchemaException("Invalid schema: a JSON Schema is an object or a boolean");
    }
    try {
      List<Error> problems = metaSchema(document).validate(document);
      if (!problems.isEmpty()) {
        throw new InvalidSchemaException("Invalid schema: " + problems.get(0).getMessage());
      }
      SchemaRegistry registry =
          SchemaRegistry.withDefaultDialect(
              SpecificationVersion.DRAFT_7, builder -> builder.schemas(references));
      registry.getSchema(document).initializeValidators();
    } catch (SchemaException | IllegalArgumentException e) {
      throw new InvalidSchemaException("Invalid schema: " + e.getMessage(), e);
    }
    return new JsonSchema(document);
  }

  private static com.networknt.schema.Schema metaSchema(JsonNode document) {
    String dialect = document.path("$schema").asText("");
    SpecificationVersion version =
        SpecificationVersion.fromDialectId(dialect).orElse(SpecificationVersion.DRAFT_7);
    return META.getSchema(SchemaLocation.of(version.getDialectId()));
  }

  JsonNode document() {
    return document;
  }

  @Override
  public SchemaType type() {
    return SchemaType.JSON;
  }

  @Override
  public String canonical() {
    return canonical;
  }

  @Override
  public List<String> canRead(ParsedSchema writer) {
    return new JsonSchemaCompatibility().check(document, ((JsonSchema) writer).document);
  }
}
