package dev.wharf.registry.schema;

import java.util.Locale;

/** The schema languages the registry knows; PROTOBUF is named so it can be refused clearly. */
public enum SchemaType {
  AVRO,
  JSON,
  PROTOBUF;

  /** The type a request or a stored record names; {@code null} or empty means AVRO. */
  public static SchemaType fromName(String name) {
    if (name == null || name.isEmpty()) {
      return AVRO;
    }
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
