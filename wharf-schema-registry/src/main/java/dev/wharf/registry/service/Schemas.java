package dev.wharf.registry.service;

import dev.wharf.registry.schema.InvalidSchemaException;
import dev.wharf.registry.schema.ParsedSchema;
import dev.wharf.registry.schema.ResolvedReference;
import dev.wharf.registry.schema.SchemaParser;
import dev.wharf.registry.schema.SchemaReference;
import dev.wharf.registry.schema.SchemaType;
import dev.wharf.registry.store.RegistryState;
import dev.wharf.registry.store.SchemaIdentity;
import dev.wharf.registry.store.SchemaVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parses schemas as the registry sees them: request bodies with their references resolved against
 * the registered versions, and stored versions for compatibility checks. Every failure is a 42201
 * naming what is wrong.
 */
final class Schemas {
  private final RegistryState state;

  /** Stored schemas never change, so each is parsed once for compatibility checks. */
  private final Map<SchemaIdentity, ParsedSchema> parsedStored = new ConcurrentHashMap<>();

  Schemas(RegistryState state) {
    this.state = state;
  }

  ParsedSchema parse(SchemaRequest request) {
    SchemaType type = SchemaType.fromName(request.schemaType());
    if (type == null) {
      throw RegistryError.INVALID_SCHEMA.exception(
          "Invalid schema: unknown schema type " + request.schemaType());
    }
    return parse(type, request.schema(), request.references());
  }

  ParsedSchema parse(SchemaVersion stored) {
    ParsedSchema cached = parsedStored.get(stored.identity());
    if (cached != null) {
      return cached;
    }
    ParsedSchema parsed = parse(stored.type(), stored.schema(), stored.references());
    parsedStored.put(stored.identity(), parsed);
    return parsed;
  }

  private ParsedSchema parse(SchemaType type, String text, List<SchemaReference> references) {
    List<ResolvedReference> resolved = new ArrayList<>();
    resolve(references, resolved, new HashSet<>());
    try {
      return SchemaParser.parse(type, text, resolved);
    } catch (InvalidSchemaException e) {
      throw RegistryError.INVALID_SCHEMA.exception(e.getMessage());
    }
  }

  /** Adds the referenced schemas, each after its own references, once each. */
  private void resolve(
      List<SchemaReference> references, List<ResolvedReference> into, Set<String> seen) {
    for (SchemaReference reference : references) {
      String slot = reference.subject() + "\u0000" + reference.version();
      if (!seen.add(slot)) {
        continue;
      }
      SchemaVersion target = state.versions(reference.subject()).get(reference.version());
      if (target == null) {
        throw RegistryError.INVALID_SCHEMA.exception(
            "Invalid schema: reference "
                + reference.name()
                + " to subject "
                + reference.subject()
                + " version "
                + reference.version()
                + " not found");
      }
      resolve(target.references(), into, seen);
      into.add(new ResolvedReference(reference.name(), target.schema()));
    }
  }
}
