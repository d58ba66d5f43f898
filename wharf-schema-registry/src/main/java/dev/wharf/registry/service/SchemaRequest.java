package dev.wharf.registry.service;

import dev.wharf.registry.schema.SchemaReference;
import java.util.List;

/**
 * The body of a register, lookup or compatibility request: the schema text, its type (AVRO when
 * absent), its references, and the id and version an IMPORT-mode registration carries.
 */
public record SchemaRequest(
    String schema,
    String schemaType,
    List<SchemaReference> references,
    Integer id,
    Integer version) {

  public SchemaRequest {
    references = references == null ? List.of() : List.copyOf(references);
  }
}
