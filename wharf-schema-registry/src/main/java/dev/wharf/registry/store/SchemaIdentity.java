package dev.wharf.registry.store;

import dev.wharf.registry.schema.SchemaReference;
import dev.wharf.registry.schema.SchemaType;
import java.util.List;

/**
 * The identity of a schema across subjects: the same type, canonical text and references always map
 * to the same global id.
 */
public record SchemaIdentity(SchemaType type, String canonical, List<SchemaReference> references) {
  public SchemaIdentity {
    references = List.copyOf(references);
  }
}
