package dev.wharf.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDefinitionTest {
  static final ConfigKey<Integer> PORT =
      ConfigKey.builder("broker.port", ConfigType.INT)
          .defaultValue(9092)
          .validator(Validator.port())
          .doc("Port.")
          .build();
  static final ConfigKey<Path> DATA_DIR =
      ConfigKey.builder("data.dir", ConfigType.PATH)
          .defaultValue(Path.of("data"))
          .doc("Dir.")
          .build();
  static final ConfigDefinition DEFINITION =
      ConfigDefinition.builder().add(PORT).add(DATA_DIR).passThrough("broker.").build();

  @Test
  void defaultsApplyWhenNothingIsGiven() {
    Config config = DEFINITION.parse(List.of());

    assertThat(config.get(PORT)).isEqualTo(9092);
    assertThat(config.get(DATA_DIR)).isEqualTo(Path.of("data"));
  }

  @Test
  void laterSourcesOverrideEarlierOnes(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("wharf.properties");
    Files.writeString(file, "broker.port=1000\ndata.dir=/from/file\n");

    Config config =
        DEFINITION.parse(
            List.of(
                ConfigSource.file(file),
                ConfigSource.environment(DEFINITION, Map.of("WHARF_BROKER_PORT", "2000"))));

    assertThat(config.get(PORT)).isEqualTo(2000);
    assertThat(config.get(DATA_DIR)).isEqualTo(Path.of("/from/file"));
  }

  @Test
  void environmentVariablesUnderAPassThroughPrefixDecodeToKafkaNames() {
    Config config =
        DEFINITION.parse(
            List.of(
                ConfigSource.environment(
                    DEFINITION,
                    Map.of(
                        "WHARF_BROKER_NUM_PARTITIONS", "3",
                        "WHARF_BROKER_SOME__UNDERSCORE___DASH", "x",
                        "WHARF_UNRELATED_THING", "ignored",
                        "PATH", "/usr/bin"))));

    assertThat(config.passThrough("broker."))
        .containsOnly(Map.entry("num.partitions", "3"), Map.entry("some_underscore-dash", "x"));
  }

  @Test
  void aValueOfTheWrongTypeNamesTheKeyTheValueAndTheSource() {
    ConfigSource source = new ConfigSource("test file", Map.of("broker.port", "abc"));

    assertThatThrownBy(() -> DEFINITION.parse(List.of(source)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("invalid value 'abc' for broker.port (from test file): must be an integer");
  }

  @Test
  void aPortOutOfRangeIsRefused() {
    ConfigSource source = new ConfigSource("test file", Map.of("broker.port", "70000"));

    assertThatThrownBy(() -> DEFINITION.parse(List.of(source)))
        .hasMessageContaining("broker.port")
        .hasMessageContaining("must be between 0 and 65535");
  }

  @Test
  void anUnknownKeyIsRefusedWithItsName() {
    ConfigSource source = new ConfigSource("test file", Map.of("data.dri", "/x"));

    assertThatThrownBy(() -> DEFINITION.parse(List.of(source)))
        .hasMessage("unknown configuration key 'data.dri' (from test file)");
  }

  @Test
  void aMissingOrUnreadableFileIsNamed(@TempDir Path dir) {
    assertThatThrownBy(() -> ConfigSource.file(dir.resolve("nope.properties")))
        .hasMessage("cannot read config file " + dir.resolve("nope.properties") + ": no such file");
    assertThatThrownBy(() -> ConfigSource.file(dir))
        .hasMessage("cannot read config file " + dir + ": it is a directory");
  }

  @Test
  void docsListEveryKeyWithItsDefaultAndEnvironmentVariable() {
    String table = ConfigDocs.markdownTable(DEFINITION);
    String properties = ConfigDocs.propertiesFile(DEFINITION, "Header");

    assertThat(table)
        .contains("| `broker.port` | int [0, 65535] | `9092` | `WHARF_BROKER_PORT` | Port. |");
    assertThat(properties)
        .startsWith("# Header\n")
        .contains("\n#broker.port=9092\n", "\n#data.dir=data\n");
  }
}
