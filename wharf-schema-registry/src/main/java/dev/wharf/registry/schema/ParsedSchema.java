package dev.wharf.registry.schema;

import java.util.List;

/**
 * A schema that parsed: its type, the canonical text the registry stores and identifies it by, and
 * the reader/writer compatibility check its compatibility levels are built from.
 */
public interface ParsedSchema {

  SchemaType type();

  /**
   * The text stored and compared: for Avro {@code Schema.toString()} (compact JSON keeping docs,
   * defaults and custom properties), for JSON Schema the compact JSON of the document.
   */
  String canonical();

  /**
   * Whether data written with {@code writer} can be read with this schema; the problems found,
   * empty when it can. {@code writer} is of the same type.
   */
  List<String> canRead(ParsedSchema writer);
}
