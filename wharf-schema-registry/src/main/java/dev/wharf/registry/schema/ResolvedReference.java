package dev.wharf.registry.schema;

/** A referenced schema found in the registry: the name it is referenced by and its text. */
public record ResolvedReference(String name, String text) {}
