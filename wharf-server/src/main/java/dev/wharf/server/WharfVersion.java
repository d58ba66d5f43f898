package dev.wharf.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apache.kafka.common.utils.AppInfoParser;

/** Wharf's version as the build stamped it, and the Kafka version it is built on. */
final class WharfVersion {
  private WharfVersion() {}

  static String wharf() {
    Properties properties = new Properties();
    try (InputStream in = WharfVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version", "unknown");
  }

  static String kafka() {
    return AppInfoParser.getVersion();
  }
}
