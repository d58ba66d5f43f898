package dev.wharf.console;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the console forwards the page's API calls: the base URL of Connect, the REST Proxy and the
 * Schema Registry. A {@code null} URL means that service does not run here; the console then
 * answers 503 for its paths and the page says so.
 */
public record Upstreams(URI connect, URI proxy, URI registry) {

  /** The services by the name the page uses in {@code /api/<name>/...}. */
  Map<String, URI> byName() {
    Map<String, URI> names = new LinkedHashMap<>();
    names.put("connect", connect);
    names.put("proxy", proxy);
    names.put("registry", registry);
    return names;
  }

  static String title(String name) {
    return switch (name) {
      case "connect" -> "Kafka Connect";
      case "proxy" -> "The REST Proxy";
      case "registry" -> "The Schema Registry";
      default -> name;
    };
  }
}
