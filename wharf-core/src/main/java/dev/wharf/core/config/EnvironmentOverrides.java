package dev.wharf.core.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Maps {@code WHARF_<KEY>} environment variables onto configuration keys. A defined key's variable
 * is its name in upper case with dots and dashes turned into underscores ({@code data.dir} is
 * {@code WHARF_DATA_DIR}). A variable under a pass-through prefix names a key that Wharf does not
 * define itself, so its name is decoded the way Confluent's images do it: {@code _} is a dot,
 * {@code __} an underscore and {@code ___} a dash ({@code WHARF_BROKER_NUM_PARTITIONS} is {@code
 * broker.num.partitions}).
 */
final class EnvironmentOverrides {
  static final String PREFIX = "WHARF_";

  private EnvironmentOverrides() {}

  static String variableFor(String key) {
    return PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The keys and values that {@code environment} sets, for the keys {@code definition} knows. */
  static Map<String, String> keysFrom(
      ConfigDefinition definition, Map<String, String> environment) {
    Map<String, String> byVariable = new LinkedHashMap<>();
    for (ConfigKey<?> key : definition.keys()) {
      byVariable.put(key.environmentVariable(), key.name());
    }
    Map<String, String> result = new LinkedHashMap<>();
    environment.forEach(
        (variable, value) -> {
          if (!variable.startsWith(PREFIX)) {
            return;
          }
          String key = byVariable.get(variable);
          if (key == null) {
            key = decode(variable.substring(PREFIX.length()));
            if (!definition.isPassThrough(key)) {
              return;
            }
          }
          result.put(key, value);
        });
    return result;
  }

  static String decode(String name) {
    return name.toLowerCase(Locale.ROOT)
        .replace("___", "\u0002")
        .replace("__", "\u0001")
        .replace('_', '.')
        .replace('\u0001', '_')
        .replace('\u0002', '-');
  }
}
