package dev.wharf.proxy.v3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.http.HttpError;
import dev.wharf.proxy.format.SchemaFormat;
import dev.wharf.proxy.format.SchemaFormats;
import dev.wharf.serdes.RegisteredSchema;
import dev.wharf.serdes.SubjectNameStrategy;
import java.util.Locale;

/**
 * The schema of one v3 key or value in a Schema Registry type, found as Confluent's v3 produce
 * finds it: by {@code schema_id}; else by {@code schema_version} of the subject; else by the raw
 * {@code schema} (registered when new, which needs {@code type}); else the subject's latest
 * version. The subject is {@code subject} when given, else named by {@code subject_name_strategy}
 * (TOPIC_NAME by default, RECORD_NAME and TOPIC_RECORD_NAME need the schema's name).
 *
 * @param format the format that writes the data
 * @param subject the subject the schema was found under
 * @param schemaId its global id
 * @param version its version under {@code subject}
 */
record V3Schema(SchemaFormat format, String subject, int schemaId, int version) {

  static V3Schema resolve(
      SchemaFormats formats, String type, JsonNode data, String topic, boolean isKey, String what) {
    SchemaFormat typed = type.isEmpty() ? null : formats.byName(type, 400).orElseThrow();
    String subject = text(data, "subject", what);
    SubjectNameStrategy strategy = strategy(data, what);
    Integer schemaId = V3Bodies.optionalInt(data, "schema_id").orElse(null);
    Integer version = V3Bodies.optionalInt(data, "schema_version").orElse(null);
    String raw = text(data, "schema", what);
    if (schemaId != null) {
      SchemaFormat format = typed != null ? typed : formats.forSchemaId(schemaId, 400);
      RegisteredSchema schema = format.byId(schemaId);
      String actual =
          subject != null ? subject : strategy.subject(topic, isKey, format.nameOf(schemaId));
      return new V3Schema(format, actual, schemaId, format.versionOf(actual, schema));
    }
    if (raw == null || version != null) {
      String actual =
          subject != null ? subject : subjectWithoutSchema(strategy, topic, isKey, what);
      SchemaFormat any = typed != null ? typed : formats.byName("avro", 400).orElseThrow();
      RegisteredSchema found = any.version(actual, version);
      SchemaFormat format = formats.forSchemaType(found.schemaType(), 400);
      if (typed != null && typed != format) {
        throw HttpError.badRequest(
            "Bad Request: "
                + what
                + " has type "
                + type
                + " but subject '"
                + actual
                + "' holds a "
                + found.schemaType()
                + " schema");
      }
      return new V3Schema(format, actual, found.id(), found.version());
    }
    if (typed == null) {
      throw HttpError.badRequest(
          "Bad Request: " + what + " with a raw 'schema' needs a 'type' (AVRO or JSONSCHEMA)");
    }
    String actual = subject != null ? subject : strategy.subject(topic, isKey, typed.parse(raw));
    RegisteredSchema registered = typed.register(actual, raw);
    return new V3Schema(typed, actual, registered.id(), typed.versionOf(actual, registered));
  }

  private static String subjectWithoutSchema(
      SubjectNameStrategy strategy, String topic, boolean isKey, String what) {
    if (strategy != SubjectNameStrategy.TOPIC_NAME) {
      throw HttpError.badRequest(
          "Bad Request: "
              + what
              + ": cannot use subject_name_strategy="
              + strategy
              + " without schema_id or schema.");
    }
    return strategy.subject(topic, isKey, null);
  }

  private static SubjectNameStrategy strategy(JsonNode data, String what) {
    String name = text(data, "subject_name_strategy", what);
    if (name == null) {
      return SubjectNameStrategy.TOPIC_NAME;
    }
    try {
      return SubjectNameStrategy.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest(
          "Bad Request: "
              + what
              + ".subject_name_strategy must be TOPIC_NAME, RECORD_NAME or TOPIC_RECORD_NAME, not "
              + name);
    }
  }

  private static String text(JsonNode data, String field, String what) {
    JsonNode node = data.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw HttpError.badRequest("Bad Request: " + what + "." + field + " must be a string");
    }
    return node.textValue();
  }
}
