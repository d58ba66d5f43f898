package dev.wharf.registry.schema;

/**
 * A reference from one schema to another registered schema: the name the referencing schema uses
 * for it (an Avro full name, a JSON Schema {@code $ref} URL), and the subject and version where it
 * is registered.
 */
public record SchemaReference(String name, String subject, int version) {}
