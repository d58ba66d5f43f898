package dev.wharf.console;

import dev.wharf.core.config.ConfigDefinition;
import dev.wharf.core.config.ConfigKey;
import dev.wharf.core.config.ConfigType;

/**
 * The console's configuration keys, read behind {@code console.} in {@code wharf.properties}:
 * whether it runs and where it listens.
 */
public final class ConsoleConfig {
  public static final ConfigKey<Boolean> ENABLED =
      ConfigKey.builder("enabled", ConfigType.BOOLEAN)
          .defaultValue(true)
          .doc("Whether wharf start serves the web console; false starts no console.")
          .build();

  public static final ConfigKey<String> LISTENERS =
      ConfigKey.builder("listeners", ConfigType.STRING)
          .defaultValue("http://127.0.0.1:8080")
          .doc(
              "Where the web console listens, as http://host:port (port 0 picks a free port)."
                  + " Unset in wharf start: port 8080 on listeners.host.")
          .build();

  private ConsoleConfig() {}

  static ConfigDefinition definition() {
    return ConfigDefinition.builder().add(ENABLED).add(LISTENERS).build();
  }
}
