package dev.wharf.registry.store;

import dev.wharf.registry.schema.SchemaReference;
import dev.wharf.registry.schema.SchemaType;
import java.util.List;

/**
 * One version of one subject as the {@code _schemas} topic holds it: the global id, the schema's
 * canonical text, its type and references, and whether it is soft-deleted.
 */
public record SchemaVersion(
    String subject,
    int version,
    int id,
    SchemaType type,
    String schema,
    List<SchemaReference> references,
    boolean deleted) {

  public SchemaVersion {
    references = List.copyOf(references);
  }

  public SchemaVersion withDeleted(boolean value) {
    return new SchemaVersion(subject, version, id, type, schema, references, value);
  }

  /** What makes two registrations the same schema: type, canonical text and references. */
  public SchemaIdentity identity() {
    return new SchemaIdentity(type, schema, references);
  }
}
