package dev.wharf.serdes;

/**
 * A schema as the registry answers it: its global id, its text and type ({@code AVRO}, {@code
 * JSON}), and, when it was found under a subject, that subject and version (null and -1 otherwise).
 */
public record RegisteredSchema(
    int id, String schema, String schemaType, String subject, int version) {}
