package dev.wharf.connect.jdbc;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.config.AbstractConfig;

/**
 * Where and how to connect, shared by the source and the sink configs: {@code connection.url},
 * {@code connection.user}, {@code connection.password}, {@code connection.attempts} and {@code
 * connection.backoff.ms}, plus every other {@code connection.*} key, handed to the driver without
 * its prefix (as Confluent does, e.g. {@code connection.loginTimeout}).
 */
record ConnectionSettings(
    String url,
    String user,
    String password,
    int attempts,
    long backoffMs,
    Map<String, String> driverProperties) {

  private static final Set<String> OWN =
      Set.of("url", "user", "password", "attempts", "backoff.ms");

  /** The {@code connection.*} keys of {@code config} that are the driver's, without the prefix. */
  static Map<String, String> driverProperties(AbstractConfig config) {
    Map<String, String> properties = new TreeMap<>();
    config
        .originalsWithPrefix("connection.")
        .forEach(
            (key, value) -> {
              if (!OWN.contains(key) && value != null) {
                properties.put(key, String.valueOf(value));
              }
            });
    return Map.copyOf(properties);
  }
}
