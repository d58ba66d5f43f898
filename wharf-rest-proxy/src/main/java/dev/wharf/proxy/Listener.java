package dev.wharf.proxy;

import dev.wharf.core.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * One {@code http://host:port} listener, as {@code listeners} and {@code advertised.listeners}
 * write them; the first of a comma-separated list is the one used.
 */
record Listener(String host, int port) {

  static Listener parse(String key, String text) {
    String first = text.split(",")[0].trim();
    URI uri;
    try {
      uri = new URI(first);
    } catch (URISyntaxException e) {
      throw new ConfigException("invalid " + key + " '" + first + "': " + e.getReason());
    }
    if (!"http".equalsIgnoreCase(uri.getScheme())) {
      throw new ConfigException(
          "invalid " + key + " '" + first + "': only http://host:port listeners are supported");
    }
    if (uri.getPort() < 0 || uri.getPort() > 65535) {
      throw new ConfigException("invalid " + key + " '" + first + "': it needs a port");
    }
    String host = uri.getHost() == null ? "0.0.0.0" : uri.getHost();
    return new Listener(host, uri.getPort());
  }

  boolean isWildcard() {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
  }
}
