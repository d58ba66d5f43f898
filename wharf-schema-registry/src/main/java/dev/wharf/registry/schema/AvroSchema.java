package dev.wharf.registry.schema;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaParseException;

/**
 * An Avro schema, with the types of its references known but not inlined. Its canonical text is
 * {@code Schema.toString()} (what Confluent stores, not Parsing Canonical Form), and compatibility
 * is Avro's own reader/writer check.
 */
final class AvroSchema implements ParsedSchema {
  private final Schema schema;
  private final String canonical;

  private AvroSchema(Schema schema, List<Schema> referenced) {
    this.schema = schema;
    this.canonical = referenced.isEmpty() ? schema.toString() : schema.toString(referenced, false);
  }

  /**
   * Parses {@code text} after the referenced schemas' texts, which are given dependencies first.
   */
  static AvroSchema parse(String text, List<String> referencedTexts) throws InvalidSchemaException {
    Schema.Parser parser = new Schema.Parser().setValidateDefaults(true);
    List<Schema> referenced = new ArrayList<>();
    try {
      for (String reference : referencedTexts) {
        referenced.add(parser.parse(reference));
      }
      return new AvroSchema(parser.parse(text), referenced);
    } catch (SchemaParseException | NullPointerException | IllegalArgumentException e) {
      throw new InvalidSchemaException("Invalid schema: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // Avro reports some malformed input (a bad JSON document, for one) as other runtime errors.
      throw new InvalidSchemaException("Invalid schema: " + e.getMessage(), e);
    }
  }

  Schema schema() {
    return schema;
  }

  @Override
  public SchemaType type() {
    return SchemaType.AVRO;
  }

  @Override
  public String canonical() {
    return canonical;
  }

  @Override
  public List<String> canRead(ParsedSchema writer) {
    Schema writerSchema = ((AvroSchema) writer).schema;
    List<String> problems = new ArrayList<>();
    for (Incompatibility incompatibility :
        SchemaCompatibility.checkReaderWriterCompatibility(schema, writerSchema)
            .getResult()
            .getIncompatibilities()) {
      problems.add(describe(incompatibility));
    }
    return problems;
  }

  private static String describe(Incompatibility incompatibility) {
    String type = incompatibility.getType().name();
    String location = incompatibility.getLocation();
    String message = incompatibility.getMessage();
    String description =
        switch (incompatibility.getType()) {
          case READER_FIELD_MISSING_DEFAULT_VALUE ->
              "The field '"
                  + message
                  + "' at path '"
                  + location
                  + "' in the new schema has no default value and is missing in the old schema";
          case TYPE_MISMATCH ->
              "The type (path '"
                  + location
                  + "') of a field in the new schema does not match with the old schema";
          default -> "At path '" + location + "': " + message;
        };
    return "{errorType:'"
        + type
        + "', description:'"
        + description
        + "', additionalInfo:'"
        + message
        + "'}";
  }
}
