package dev.wharf.connect.plugins;

import java.util.Map;

/**
 * Class names of Confluent converters that Wharf reimplements under its own package, so that
 * configurations written for Confluent's plugins work unchanged. A name resolves to Wharf's class
 * only when no installed plugin has the Confluent name itself: a user who installs Confluent's JAR
 * gets Confluent's class.
 */
final class ConfluentNames {
  private static final Map<String, String> WHARF_CLASSES =
      Map.of(
          "io.confluent.connect.avro.AvroConverter", "dev.wharf.serdes.connect.AvroConverter",
          "io.confluent.connect.json.JsonSchemaConverter",
              "dev.wharf.serdes.connect.JsonSchemaConverter");

  private ConfluentNames() {}

  /** Wharf's class for a Confluent class name, or {@code null}. */
  static String wharfClass(String className) {
    return WHARF_CLASSES.get(className);
  }
}
