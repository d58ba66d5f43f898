package dev.wharf.registry.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.core.http.Json;
import dev.wharf.registry.schema.SchemaReference;
import dev.wharf.registry.schema.SchemaType;
import java.util.ArrayList;
import java.util.List;

/**
 * Confluent Schema Registry's record format on the {@code _schemas} topic. Keys are JSON objects
 * with a fixed member order ({@code keytype} first, {@code magic} last; SCHEMA keys have magic 1,
 * the others 0), so that compaction sees the same key bytes Confluent writes; values are JSON
 * objects, and a null value is a tombstone.
 */
final class RecordFormat {
  static final String SCHEMA = "SCHEMA";
  static final String CONFIG = "CONFIG";
  static final String MODE = "MODE";
  static final String NOOP = "NOOP";
  static final String DELETE_SUBJECT = "DELETE_SUBJECT";
  static final String CLEAR_SUBJECT = "CLEAR_SUBJECT";

  private RecordFormat() {}

  static byte[] schemaKey(String subject, int version) {
    ObjectNode key = Json.mapper().createObjectNode();
    key.put("keytype", SCHEMA);
    key.put("subject", subject);
    key.put("version", version);
    key.put("magic", 1);
    return Json.bytes(key);
  }

  /** A CONFIG or MODE key; the global one ({@code subject == null}) has no subject member. */
  static byte[] subjectKey(String keytype, String subject) {
    ObjectNode key = Json.mapper().createObjectNode();
    key.put("keytype", keytype);
    if (subject != null) {
      key.put("subject", subject);
    }
    key.put("magic", 0);
    return Json.bytes(key);
  }

  static byte[] schemaValue(SchemaVersion schema) {
    ObjectNode value = Json.mapper().createObjectNode();
    value.put("subject", schema.subject());
    value.put("version", schema.version());
    value.put("id", schema.id());
    if (schema.type() != SchemaType.AVRO) {
      value.put("schemaType", schema.type().name());
    }
    if (!schema.references().isEmpty()) {
      ArrayNode references = value.putArray("references");
      for (SchemaReference reference : schema.references()) {
        ObjectNode node = references.addObject();
        node.put("name", reference.name());
        node.put("subject", reference.subject());
        node.put("version", reference.version());
      }
    }
    value.put("schema", schema.schema());
    value.put("deleted", schema.deleted());
    return Json.bytes(value);
  }

  static byte[] configValue(String level) {
    ObjectNode value = Json.mapper().createObjectNode();
    value.put("compatibilityLevel", level);
    return Json.bytes(value);
  }

  static byte[] modeValue(Mode mode) {
    ObjectNode value = Json.mapper().createObjectNode();
    value.put("mode", mode.name());
    return Json.bytes(value);
  }

  static byte[] deleteSubjectValue(String subject, int version) {
    ObjectNode value = Json.mapper().createObjectNode();
    value.put("subject", subject);
    value.put("version", version);
    return Json.bytes(value);
  }

  /** Reads a SCHEMA value; the subject and version of the key win over the value's. */
  static SchemaVersion readSchema(String subject, int version, JsonNode value) {
    List<SchemaReference> references = new ArrayList<>();
    for (JsonNode reference : value.path("references")) {
      references.add(
          new SchemaReference(
              reference.path("name").asText(),
              reference.path("subject").asText(),
              reference.path("version").asInt()));
    }
    SchemaType type = SchemaType.fromName(value.path("schemaType").asText(null));
    return new SchemaVersion(
        subject,
        version,
        value.path("id").asInt(),
        type == null ? SchemaType.AVRO : type,
        value.path("schema").asText(),
        references,
        value.path("deleted").asBoolean(false));
  }
}
