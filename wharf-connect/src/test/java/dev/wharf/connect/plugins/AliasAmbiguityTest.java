package dev.wharf.connect.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.storage.Converter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two plugins defining connectors with the same simple name, in different packages. */
class AliasAmbiguityTest {
  private static final String ALPHA = "com.acme.alpha.EchoConnector";
  private static final String BETA = "com.acme.beta.EchoConnector";

  @TempDir static Path root;
  private static Plugins plugins;

  @BeforeAll
  static void installTwoEchoPlugins() throws IOException {
    Path pluginPath = root.resolve("plugins");
    for (String className : List.of(ALPHA, BETA)) {
      String name = className.substring("com.acme.".length(), className.lastIndexOf('.'));
      Path classes =
          FixturePlugins.compile(
              root.resolve("build-" + name),
              Map.of(className, FixturePlugins.sourceConnector(className, "\"1.0\"")));
      FixturePlugins.jar(
          pluginPath.resolve(name).resolve(name + ".jar"),
          classes,
          Map.of(SourceConnector.class.getName(), List.of(className)));
    }
    plugins = Plugins.load(List.of(pluginPath));
  }

  @AfterAll
  static void close() {
    plugins.close();
  }

  @Test
  void sharedAliasIsRefusedWithBothClassNames() {
    for (String alias : List.of("Echo", "EchoConnector")) {
      assertThatThrownBy(() -> plugins.newConnector(alias))
          .isInstanceOf(AmbiguousPluginException.class)
          .hasMessage(
              "More than one connector matches alias "
                  + alias
                  + ". Please use full package and class name instead. Classes found: "
                  + ALPHA
                  + ", "
                  + BETA)
          .extracting(e -> ((AmbiguousPluginException) e).classNames())
          .isEqualTo(List.of(ALPHA, BETA));
    }
  }

  @Test
  void fullClassNamesStillResolveEachToItsOwnPlugin() {
    Class<?> alpha = plugins.resolve(ALPHA, Connector.class).pluginClass();
    Class<?> beta = plugins.resolve(BETA, Connector.class).pluginClass();

    assertThat(alpha.getName()).isEqualTo(ALPHA);
    assertThat(beta.getName()).isEqualTo(BETA);
    assertThat(alpha.getClassLoader()).isNotSameAs(beta.getClassLoader());
  }

  @Test
  void unknownConnectorNameListsTheAvailableConnectors() {
    assertThatThrownBy(() -> plugins.newConnector("Nope"))
        .isInstanceOf(UnknownPluginException.class)
        .hasMessageStartingWith(
            "Failed to find any class that implements Connector and which name matches Nope,"
                + " available connectors are: ")
        .hasMessageContaining(ALPHA)
        .hasMessageContaining(BETA);
  }

  @Test
  void aConnectorNameIsNotAConverter() {
    assertThatThrownBy(() -> plugins.resolve(ALPHA, Converter.class))
        .isInstanceOf(UnknownPluginException.class)
        .hasMessageStartingWith(
            "Failed to find any class that implements Converter and which name matches " + ALPHA);
  }

  @Test
  void unknownPluginOfAnyTypeUsesApachesRestMessage() {
    assertThatThrownBy(() -> plugins.configDef("NoSuchPlugin"))
        .isInstanceOf(UnknownPluginException.class)
        .hasMessage("Unknown plugin NoSuchPlugin.");
  }
}
