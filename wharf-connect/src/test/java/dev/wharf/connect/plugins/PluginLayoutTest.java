package dev.wharf.connect.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin layouts Apache accepts below a plugin.path entry (class directory, uber-JAR, directory
 * of JARs), discovery with and without ServiceLoader manifests, child-first loading, and the choice
 * between two versions of one class.
 */
class PluginLayoutTest {
  @TempDir static Path root;
  private static Path pluginPath;
  private static Path secondPluginPath;
  private static Plugins plugins;

  @BeforeAll
  static void installPlugins() throws IOException {
    pluginPath = root.resolve("plugins");
    secondPluginPath = root.resolve("more-plugins");
    installClassDirectoryConverter();
    installUberJarWithItsOwnSharedLibrary();
    installTransformationSplitOverTwoJars();
    installPredicateAndBrokenPluginWithManifests();
    installTwoVersionsOfOneConnector();
    Files.createDirectories(pluginPath.resolve("empty-plugin"));
    plugins =
        Plugins.load(List.of(pluginPath, secondPluginPath, root.resolve("missing"), pluginPath));
  }

  @AfterAll
  static void close() {
    plugins.close();
  }

  @Test
  void classDirectoryPluginIsFoundByScanning() {
    PluginDescriptor converter = plugins.resolve("Upper", Converter.class);

    assertThat(converter.className()).isEqualTo("com.acme.dir.UpperConverter");
    assertThat(converter.location()).isEqualTo(pluginPath.resolve("class-dir").toString());
    assertThat(converter.version()).isEqualTo(PluginDescriptor.UNDEFINED_VERSION);
    assertThat(converter.loader()).isInstanceOf(PluginClassLoader.class);
  }

  @Test
  void uberJarPluginLoadsItsOwnCopyOfALibraryBeforeTheWorkers() {
    PluginDescriptor connector = plugins.resolve("Bundling", Connector.class);

    assertThat(connector.location()).isEqualTo(pluginPath.resolve("bundling.jar").toString());
    assertThat(connector.version()).isEqualTo("plugin");
  }

  @Test
  void pluginWithoutItsOwnCopyUsesTheWorkersLibrary() {
    assertThat(plugins.resolve("Borrowing", Connector.class).version()).isEqualTo("worker");
  }

  @Test
  void transformationWhoseBaseClassIsInAnotherJarOfThePluginIsFound() {
    PluginDescriptor transformation = plugins.resolve("Shout", Transformation.class);

    assertThat(transformation.className()).isEqualTo("com.acme.multi.Shout");
    assertThat(transformation.typeName()).isEqualTo("transformation");
    assertThat(plugins.newTransformation("com.acme.multi.Shout")).isNotNull();
  }

  @Test
  void predicateListedInAManifestIsFoundAndBrokenPluginsAreSkipped() {
    assertThat(plugins.resolve("AlwaysTrue", Predicate.class).className())
        .isEqualTo("com.acme.manifest.AlwaysTruePredicate");
    assertThatThrownBy(() -> plugins.resolve("NoDefaultConstructor", Predicate.class))
        .isInstanceOf(UnknownPluginException.class);
  }

  @Test
  void newestVersionOfAClassInstalledTwiceIsUsedAndBothAreListed() {
    assertThat(plugins.resolve("Versioned", Connector.class).version()).isEqualTo("1.10");
    assertThat(plugins.connectorPlugins(true))
        .filteredOn(d -> d.className().equals("com.acme.versioned.VersionedConnector"))
        .extracting(PluginDescriptor::version)
        .containsExactly("1.9", "1.10");
  }

  @Test
  void aRequestedVersionOrVersionRangeSelectsAmongInstalledVersions() {
    String name = "VersionedConnector";
    assertThat(plugins.resolve(name, Connector.class, "1.9").version()).isEqualTo("1.9");
    assertThat(plugins.resolve(name, Connector.class, "[1.0,1.10)").version()).isEqualTo("1.9");
    assertThat(plugins.resolve(name, Connector.class, "[1.9,)").version()).isEqualTo("1.10");
    assertThat(plugins.resolve(name, Connector.class, "latest").version()).isEqualTo("1.10");
    assertThat(plugins.resolve(name, Connector.class, null).version()).isEqualTo("1.10");

    assertThat(plugins.configDef(name, "[1.0,1.10)").names()).containsExactly("echo.text");
    PluginDescriptor older = plugins.resolve(name, Connector.class, "1.9");
    assertThat(plugins.newInstance(older, Connector.class).version()).isEqualTo("1.9");
  }

  @Test
  void aVersionThatIsNotInstalledIsRefusedWithTheInstalledVersions() {
    assertThatThrownBy(() -> plugins.resolve("Versioned", Connector.class, "2.0"))
        .isInstanceOf(PluginVersionNotFoundException.class)
        .hasMessage(
            "Plugin com.acme.versioned.VersionedConnector not found that matches the version"
                + " range 2.0, available versions: [1.9, 1.10]");
    assertThatThrownBy(() -> plugins.resolve("Versioned", Connector.class, "[1.0"))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("Invalid plugin version requirement '[1.0'");
  }

  @Test
  void serviceLoadModeFindsOnlyPluginsWithManifests() {
    try (Plugins manifestsOnly =
        Plugins.load(List.of(pluginPath), PluginDiscoveryMode.fromConfig("service_load"))) {
      assertThat(manifestsOnly.resolve("AlwaysTrue", Predicate.class)).isNotNull();
      assertThat(manifestsOnly.resolve("Bundling", Connector.class)).isNotNull();
      assertThatThrownBy(() -> manifestsOnly.resolve("Upper", Converter.class))
          .isInstanceOf(UnknownPluginException.class);
      assertThatThrownBy(() -> manifestsOnly.resolve("Shout", Transformation.class))
          .isInstanceOf(UnknownPluginException.class);
    }
  }

  @Test
  void onlyScanModeFindsPluginsWithAndWithoutManifests() {
    try (Plugins scanned = Plugins.load(List.of(pluginPath), PluginDiscoveryMode.ONLY_SCAN)) {
      assertThat(scanned.resolve("AlwaysTrue", Predicate.class)).isNotNull();
      assertThat(scanned.resolve("Upper", Converter.class)).isNotNull();
    }
  }

  @Test
  void hybridFailModeRefusesPluginsWithoutManifests() {
    assertThatThrownBy(() -> Plugins.load(List.of(pluginPath), PluginDiscoveryMode.HYBRID_FAIL))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("without ServiceLoader manifests")
        .hasMessageContaining("plugin.discovery=hybrid_warn");
    assertThatThrownBy(() -> PluginDiscoveryMode.fromConfig("sometimes"))
        .isInstanceOf(ConnectException.class)
        .hasMessage(
            "Invalid value sometimes for plugin.discovery: must be one of only_scan, hybrid_warn,"
                + " hybrid_fail, service_load");
  }

  @Test
  void anEntryListedTwiceIsLoadedOnce() {
    assertThat(plugins.descriptors())
        .filteredOn(d -> d.className().equals("com.acme.dir.UpperConverter"))
        .hasSize(1);
  }

  @Test
  void emptyAndMissingLocationsAreIgnored() {
    assertThat(plugins.descriptors())
        .noneMatch(d -> d.location().contains("empty-plugin") || d.location().contains("missing"));
  }

  private static void installClassDirectoryConverter() throws IOException {
    FixturePlugins.compile(
        pluginPath.resolve("class-dir"),
        Map.of(
            "com.acme.dir.UpperConverter",
            """
            package com.acme.dir;

            import java.nio.charset.StandardCharsets;
            import java.util.Map;
            import org.apache.kafka.connect.data.Schema;
            import org.apache.kafka.connect.data.SchemaAndValue;
            import org.apache.kafka.connect.storage.Converter;

            public class UpperConverter implements Converter {
              public void configure(Map<String, ?> configs, boolean isKey) {}
              public byte[] fromConnectData(String topic, Schema schema, Object value) {
                return value.toString().toUpperCase().getBytes(StandardCharsets.UTF_8);
              }
              public SchemaAndValue toConnectData(String topic, byte[] value) {
                return new SchemaAndValue(null, new String(value, StandardCharsets.UTF_8));
              }
            }
            """));
  }

  private static void installUberJarWithItsOwnSharedLibrary() throws IOException {
    String ownCopy =
        """
        package dev.wharf.connect.plugins;

        public final class SharedLibrary {
          public static String origin() { return "plugin"; }
        }
        """;
    Path bundling =
        FixturePlugins.compile(
            root.resolve("build-bundling"),
            Map.of(
                "com.acme.uber.BundlingConnector",
                FixturePlugins.sourceConnector(
                    "com.acme.uber.BundlingConnector",
                    "dev.wharf.connect.plugins.SharedLibrary.origin()"),
                "dev.wharf.connect.plugins.SharedLibrary",
                ownCopy));
    FixturePlugins.jar(
        pluginPath.resolve("bundling.jar"),
        bundling,
        Map.of(SourceConnector.class.getName(), List.of("com.acme.uber.BundlingConnector")));

    Path borrowing =
        FixturePlugins.compile(
            root.resolve("build-borrowing"),
            Map.of(
                "com.acme.uber.BorrowingConnector",
                FixturePlugins.sourceConnector(
                    "com.acme.uber.BorrowingConnector",
                    "dev.wharf.connect.plugins.SharedLibrary.origin()"),
                "dev.wharf.connect.plugins.SharedLibrary",
                ownCopy));
    // Only the connector goes into this JAR: SharedLibrary must come from the worker.
    try (Stream<Path> files = Files.walk(borrowing)) {
      files
          .filter(p -> p.getFileName().toString().equals("SharedLibrary.class"))
          .forEach(PluginLayoutTest::delete);
    }
    FixturePlugins.jar(pluginPath.resolve("borrowing.jar"), borrowing, Map.of());
  }

  private static void installTransformationSplitOverTwoJars() throws IOException {
    Path classes =
        FixturePlugins.compile(
            root.resolve("build-multi"),
            Map.of(
                "com.acme.lib.ValueRewriter",
                """
                package com.acme.lib;

                import java.util.Map;
                import org.apache.kafka.common.config.ConfigDef;
                import org.apache.kafka.connect.connector.ConnectRecord;
                import org.apache.kafka.connect.transforms.Transformation;

                public abstract class ValueRewriter<R extends ConnectRecord<R>>
                    implements Transformation<R> {
                  public R apply(R record) { return record; }
                  public ConfigDef config() { return new ConfigDef(); }
                  public void configure(Map<String, ?> configs) {}
                  public void close() {}
                }
                """,
                "com.acme.multi.Shout",
                """
                package com.acme.multi;

                import org.apache.kafka.connect.connector.ConnectRecord;

                public class Shout<R extends ConnectRecord<R>>
                    extends com.acme.lib.ValueRewriter<R> {}
                """));
    Path lib = root.resolve("split-lib");
    Path impl = root.resolve("split-impl");
    Files.createDirectories(lib);
    Files.createDirectories(impl);
    Files.move(classes.resolve("com/acme/multi"), createParent(impl.resolve("com/acme/multi")));
    Files.move(classes.resolve("com/acme/lib"), createParent(lib.resolve("com/acme/lib")));
    Path dir = pluginPath.resolve("split");
    FixturePlugins.jar(dir.resolve("lib/rewriter-lib.jar"), lib, Map.of());
    FixturePlugins.jar(dir.resolve("shout.jar"), impl, Map.of());
  }

  private static void installPredicateAndBrokenPluginWithManifests() throws IOException {
    Path classes =
        FixturePlugins.compile(
            root.resolve("build-manifest"),
            Map.of(
                "com.acme.manifest.AlwaysTruePredicate",
                """
                package com.acme.manifest;

                import java.util.Map;
                import org.apache.kafka.common.config.ConfigDef;
                import org.apache.kafka.connect.connector.ConnectRecord;
                import org.apache.kafka.connect.transforms.predicates.Predicate;

                public class AlwaysTruePredicate<R extends ConnectRecord<R>> implements Predicate<R> {
                  public ConfigDef config() { return new ConfigDef(); }
                  public boolean test(R record) { return true; }
                  public void close() {}
                  public void configure(Map<String, ?> configs) {}
                }
                """,
                "com.acme.manifest.NoDefaultConstructorPredicate",
                """
                package com.acme.manifest;

                public class NoDefaultConstructorPredicate<R extends
                    org.apache.kafka.connect.connector.ConnectRecord<R>>
                    extends AlwaysTruePredicate<R> {
                  public NoDefaultConstructorPredicate(String required) {}
                }
                """));
    FixturePlugins.jar(
        pluginPath.resolve("manifest/predicates.jar"),
        classes,
        Map.of(
            Predicate.class.getName(),
            List.of(
                "# comments and blank lines are allowed",
                "",
                "com.acme.manifest.AlwaysTruePredicate  # trailing comment",
                "com.acme.manifest.NoDefaultConstructorPredicate",
                "com.acme.manifest.DoesNotExist")));
  }

  private static void installTwoVersionsOfOneConnector() throws IOException {
    for (String version : List.of("1.9", "1.10")) {
      Path classes =
          FixturePlugins.compile(
              root.resolve("build-versioned-" + version),
              Map.of(
                  "com.acme.versioned.VersionedConnector",
                  FixturePlugins.sourceConnector(
                      "com.acme.versioned.VersionedConnector", "\"" + version + "\"")));
      Path base = version.equals("1.9") ? pluginPath : secondPluginPath;
      FixturePlugins.jar(
          base.resolve("versioned-" + version + ".jar"),
          classes,
          Map.of(
              SourceConnector.class.getName(), List.of("com.acme.versioned.VersionedConnector")));
    }
  }

  private static Path createParent(Path path) throws IOException {
    Files.createDirectories(path.getParent());
    return path;
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
