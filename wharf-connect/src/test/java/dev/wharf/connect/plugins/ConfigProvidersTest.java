package dev.wharf.connect.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Worker config providers resolving {@code ${provider:path:key}} placeholders. */
class ConfigProvidersTest {
  private static Plugins plugins;

  @TempDir Path dir;

  @BeforeAll
  static void load() {
    plugins = Plugins.load(List.of());
  }

  @AfterAll
  static void close() {
    plugins.close();
  }

  @Test
  void fileDirectoryAndEnvPlaceholdersResolveWithoutChangingTheStoredConfig() throws IOException {
    Path secrets = Files.writeString(dir.resolve("secrets.properties"), "db.password=s3cret\n");
    Files.writeString(dir.resolve("api-token"), "token-from-file");
    String path = System.getenv("PATH");
    Map<String, String> worker =
        Map.of(
            "config.providers", "file, directory,env",
            "config.providers.file.class",
                "org.apache.kafka.common.config.provider.FileConfigProvider",
            "config.providers.directory.class", "DirectoryConfigProvider",
            "config.providers.env.class", "EnvVar");
    Map<String, String> stored = new HashMap<>();
    stored.put("connection.password", "${file:" + secrets + ":db.password}");
    stored.put("api.token", "${directory:" + dir + ":api-token}");
    stored.put("search.path", "${env:PATH}");
    stored.put("plain", "value");
    stored.put("unknown.provider", "${vault:secret/db:password}");
    Map<String, String> snapshot = Map.copyOf(stored);

    try (ConfigProviders providers = ConfigProviders.fromWorkerConfig(worker, plugins)) {
      assertThat(providers.names()).containsExactly("file", "directory", "env");
      Map<String, String> resolved = providers.resolve(stored).values();

      assertThat(resolved)
          .containsEntry("connection.password", "s3cret")
          .containsEntry("api.token", "token-from-file")
          .containsEntry("search.path", path)
          .containsEntry("plain", "value")
          .containsEntry("unknown.provider", "${vault:secret/db:password}");
    }
    assertThat(stored).isEqualTo(snapshot);
  }

  @Test
  void providerParamsAreGivenToTheProvider() throws IOException {
    Path allowed = Files.createDirectories(dir.resolve("allowed"));
    Path outside = Files.writeString(dir.resolve("outside.properties"), "key=value\n");
    Files.writeString(allowed.resolve("inside.properties"), "key=inside\n");
    Map<String, String> worker =
        Map.of(
            "config.providers", "file",
            "config.providers.file.class", "FileConfigProvider",
            "config.providers.file.param.allowed.paths", allowed.toString());

    try (ConfigProviders providers = ConfigProviders.fromWorkerConfig(worker, plugins)) {
      Map<String, String> resolved =
          providers
              .resolve(
                  Map.of(
                      "inside", "${file:" + allowed.resolve("inside.properties") + ":key}",
                      "outside", "${file:" + outside + ":key}"))
              .values();
      assertThat(resolved).containsEntry("inside", "inside");
      assertThat(resolved.get("outside")).isNotEqualTo("value");
    }
  }

  @Test
  void noProvidersLeavesPlaceholdersAlone() {
    try (ConfigProviders providers = ConfigProviders.fromWorkerConfig(Map.of(), plugins)) {
      assertThat(providers.resolve(Map.of("a", "${file:/x:y}")).values())
          .containsEntry("a", "${file:/x:y}");
    }
  }

  @Test
  void listedProviderWithoutClassOrWithUnknownClassIsAnError() {
    assertThatThrownBy(
            () -> ConfigProviders.fromWorkerConfig(Map.of("config.providers", "vault"), plugins))
        .isInstanceOf(ConnectException.class)
        .hasMessage(
            "Config provider 'vault' is listed in config.providers but"
                + " config.providers.vault.class is not set");
    assertThatThrownBy(
            () ->
                ConfigProviders.fromWorkerConfig(
                    Map.of(
                        "config.providers", "vault",
                        "config.providers.vault.class", "VaultConfigProvider"),
                    plugins))
        .isInstanceOf(UnknownPluginException.class)
        .hasMessageStartingWith(
            "Failed to find any class that implements ConfigProvider and which name matches"
                + " VaultConfigProvider, available ConfigProviders are: ");
  }

  @Test
  void placeholdersAreRestoredInTaskConfigsBeforeTheyAreStored() {
    Map<String, String> rawConnector =
        Map.of("password", "${file:/etc/secrets:pw}", "topic", "orders");
    Map<String, String> resolvedTask =
        Map.of("password", "s3cret", "topic", "orders", "task.id", "0");

    assertThat(ConfigProviders.restorePlaceholders(rawConnector, resolvedTask))
        .isEqualTo(
            Map.of("password", "${file:/etc/secrets:pw}", "topic", "orders", "task.id", "0"));
  }
}
