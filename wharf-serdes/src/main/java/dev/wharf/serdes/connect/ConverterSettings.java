package dev.wharf.serdes.connect;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/** Reads the converters' own settings (those beyond the serializer's) from a Connect config. */
final class ConverterSettings {
  private ConverterSettings() {}

  static boolean flag(Map<String, ?> configs, String key, boolean fallback) {
    Object value = configs.get(key);
    if (value == null) {
      return fallback;
    }
    String text = value.toString().trim();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new ConfigException(key, value, "must be true or false");
  }

  static int integer(Map<String, ?> configs, String key, int fallback) {
    Object value = configs.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.toString().trim());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new ConfigException(key, value, "must be a positive integer");
  }
}
