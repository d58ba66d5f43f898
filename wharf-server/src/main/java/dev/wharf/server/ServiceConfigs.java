package dev.wharf.server;

import dev.wharf.connect.ConnectConfig;
import dev.wharf.console.Console;
import dev.wharf.core.config.Config;
import dev.wharf.core.config.ConfigSource;
import dev.wharf.proxy.RestProxy;
import dev.wharf.registry.SchemaRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the combined configuration into each service's own, in the peer's key names: the service's
 * section ({@code connect.*}, {@code proxy.*}) on top of Wharf's defaults for running together (the
 * shared Kafka cluster, listeners on {@code listeners.host}, the installation's plugins).
 */
final class ServiceConfigs {
  static final int CONNECT_PORT = 8083;
  static final int PROXY_PORT = 8082;
  static final int REGISTRY_PORT = 8081;
  static final int CONSOLE_PORT = 8080;

  private ServiceConfigs() {}

  static Config connect(Config server, String bootstrapServers, Path home) {
    Map<String, String> properties = new HashMap<>();
    properties.put("bootstrap.servers", bootstrapServers);
    properties.put("listeners", connectListener(server).toString());
    Path plugins = pluginsDirectory(home);
    if (plugins != null) {
      properties.put("plugin.path", plugins.toString());
    }
    properties.putAll(server.givenWithPrefix(ServerConfig.CONNECT_PREFIX));
    return ConnectConfig.definition()
        .parse(List.of(new ConfigSource("connect.* settings", properties)));
  }

  /**
   * The proxy's configuration; its avro and jsonschema formats use {@code registry} (the Schema
   * Registry this process runs) unless {@code proxy.schema.registry.url} says otherwise.
   */
  static Config proxy(Config server, String bootstrapServers, URI registry) {
    Map<String, String> properties = new HashMap<>();
    properties.put("bootstrap.servers", bootstrapServers);
    properties.put("listeners", proxyListener(server).toString());
    properties.put("schema.registry.url", registry.toString());
    properties.putAll(server.givenWithPrefix(ServerConfig.PROXY_PREFIX));
    return RestProxy.definition().parse(List.of(new ConfigSource("proxy.* settings", properties)));
  }

  /**
   * The connectors Wharf ships: {@code -Dwharf.plugins} (the launcher points it at the built
   * distribution), else {@code plugins/} of the installation, when it exists.
   */
  static Path pluginsDirectory(Path home) {
    String property = System.getProperty("wharf.plugins");
    Path plugins =
        property != null ? Path.of(property) : home == null ? null : home.resolve("plugins");
    return plugins != null && Files.isDirectory(plugins) ? plugins : null;
  }

  static Config registry(Config server, String bootstrapServers) {
    Map<String, String> properties = new HashMap<>();
    properties.put("kafkastore.bootstrap.servers", bootstrapServers);
    properties.put("listeners", registryListener(server).toString());
    properties.putAll(server.givenWithPrefix(ServerConfig.REGISTRY_PREFIX));
    return SchemaRegistry.definition()
        .parse(List.of(new ConfigSource("registry.* settings", properties)));
  }

  /** The console's settings: its listener on {@code listeners.host} unless given. */
  static Config console(Config server) {
    Map<String, String> properties = new HashMap<>();
    properties.putAll(server.givenWithPrefix(ServerConfig.CONSOLE_PREFIX));
    properties.put("listeners", consoleListener(server).toString());
    return Console.definition().parse(List.of(new ConfigSource("console.* settings", properties)));
  }

  static boolean consoleEnabled(Config server) {
    return server.get(ServerConfig.CONSOLE_ENABLED);
  }

  static URI consoleListener(Config server) {
    return listener(server, ServerConfig.CONSOLE_PREFIX, CONSOLE_PORT);
  }

  static URI registryListener(Config server) {
    return listener(server, ServerConfig.REGISTRY_PREFIX, REGISTRY_PORT);
  }

  /** Where Connect listens: {@code connect.listeners}, else port 8083 on {@code listeners.host}. */
  static URI connectListener(Config server) {
    return listener(server, ServerConfig.CONNECT_PREFIX, CONNECT_PORT);
  }

  static URI proxyListener(Config server) {
    return listener(server, ServerConfig.PROXY_PREFIX, PROXY_PORT);
  }

  private static URI listener(Config server, String prefix, int defaultPort) {
    String given = server.givenWithPrefix(prefix).get("listeners");
    if (given != null && !given.isBlank()) {
      try {
        return URI.create(given.split(",")[0].trim());
      } catch (IllegalArgumentException e) {
        throw new UsageException(
            prefix + "listeners: '" + given + "' is not a URL like http://host:port");
      }
    }
    return URI.create("http://" + server.get(ServerConfig.LISTENERS_HOST) + ":" + defaultPort);
  }
}
