package dev.wharf.connect.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version the build stamped into this plugin, reported by the connector and its tasks. */
final class Versions {
  static final String VERSION = read();

  private Versions() {}

  private static String read() {
    try (InputStream in = Versions.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
