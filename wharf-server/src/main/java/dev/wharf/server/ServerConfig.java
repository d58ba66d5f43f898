package dev.wharf.server;

import dev.wharf.connect.ConnectConfig;
import dev.wharf.console.Console;
import dev.wharf.console.ConsoleConfig;
import dev.wharf.core.config.Config;
import dev.wharf.core.config.ConfigDefinition;
import dev.wharf.core.config.ConfigKey;
import dev.wharf.core.config.ConfigSource;
import dev.wharf.core.config.ConfigType;
import dev.wharf.core.config.Validator;
import dev.wharf.proxy.RestProxy;
import dev.wharf.registry.SchemaRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys of {@code config/wharf.properties}: shared keys first, then the embedded broker's, then
 * each service's behind its prefix ({@code connect.}, {@code proxy.}, {@code registry.}) under the
 * peer's own key name, and the web console's behind {@code console.}. Keys behind {@code broker.}
 * that Wharf does not define are handed to the embedded Kafka broker in Kafka's own names.
 */
final class ServerConfig {
  static final String BROKER_PREFIX = "broker.";
  static final String CONNECT_PREFIX = "connect.";
  static final String PROXY_PREFIX = "proxy.";
  static final String REGISTRY_PREFIX = "registry.";
  static final String CONSOLE_PREFIX = "console.";

  static final ConfigKey<Boolean> CONSOLE_ENABLED =
      ConsoleConfig.ENABLED.withName(CONSOLE_PREFIX + ConsoleConfig.ENABLED.name());

  /** Keys every service gets from the shared keys rather than from its own section. */
  private static final Set<String> SHARED = Set.of("bootstrap.servers");

  static final ConfigKey<String> BOOTSTRAP_SERVERS =
      ConfigKey.builder("bootstrap.servers", ConfigType.STRING)
          .defaultValue("")
          .doc(
              "Kafka cluster to use, as host:port pairs separated by commas. Empty: start the"
                  + " embedded single-node broker instead.")
          .build();

  static final ConfigKey<Path> DATA_DIR =
      ConfigKey.builder("data.dir", ConfigType.PATH)
          .defaultValue(Path.of("data"))
          .doc(
              "Directory for everything Wharf keeps on disk: the embedded broker's data under"
                  + " kafka/, logs under logs/. Relative paths start at the working directory.")
          .build();

  static final ConfigKey<String> LISTENERS_HOST =
      ConfigKey.builder("listeners.host", ConfigType.STRING)
          .defaultValue("127.0.0.1")
          .doc(
              "Address every Wharf port binds to (the embedded broker and the HTTP services). Use"
                  + " 0.0.0.0 to accept connections from other machines.")
          .build();

  static final ConfigKey<Integer> BROKER_PORT =
      ConfigKey.builder("broker.port", ConfigType.INT)
          .defaultValue(9092)
          .validator(Validator.port())
          .doc("Port of the embedded broker's client listener; 0 picks a free port.")
          .build();

  static final ConfigKey<Integer> BROKER_CONTROLLER_PORT =
      ConfigKey.builder("broker.controller.port", ConfigType.INT)
          .defaultValue(9093)
          .validator(Validator.port())
          .doc(
              "Port of the embedded broker's KRaft controller listener; 0 picks a free port. Any"
                  + " other broker.* key is passed to the embedded broker under Kafka's own name"
                  + " (broker.num.partitions=3 sets num.partitions).")
          .build();

  static final ConfigDefinition DEFINITION =
      ConfigDefinition.builder()
          .add(BOOTSTRAP_SERVERS)
          .add(DATA_DIR)
          .add(LISTENERS_HOST)
          .add(BROKER_PORT)
          .add(BROKER_CONTROLLER_PORT)
          .passThrough(BROKER_PREFIX)
          .addAll(CONNECT_PREFIX, ConnectConfig.definition(), SHARED)
          .addAll(PROXY_PREFIX, RestProxy.definition(), SHARED)
          .addAll(
              REGISTRY_PREFIX, SchemaRegistry.definition(), Set.of("kafkastore.bootstrap.servers"))
          .addAll(CONSOLE_PREFIX, Console.definition())
          .build();

  private ServerConfig() {}

  /**
   * Reads the configuration: defaults, then the config file (the given one, else {@code
   * config/wharf.properties} under the installation when it exists), then {@code WHARF_*}
   * variables, then command-line options.
   */
  static Config load(
      Path configFile, Path installedDefaults, Map<String, String> environment, Path dataDir) {
    List<ConfigSource> sources = new ArrayList<>();
    if (configFile != null) {
      sources.add(ConfigSource.file(configFile));
    } else if (installedDefaults != null && Files.isRegularFile(installedDefaults)) {
      sources.add(ConfigSource.file(installedDefaults));
    }
    sources.add(ConfigSource.environment(DEFINITION, environment));
    if (dataDir != null) {
      sources.add(new ConfigSource("--data-dir", Map.of(DATA_DIR.name(), dataDir.toString())));
    }
    return DEFINITION.parse(sources);
  }
}
