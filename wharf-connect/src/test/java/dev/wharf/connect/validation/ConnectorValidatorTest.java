package dev.wharf.connect.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.connect.plugins.Plugins;
import dev.wharf.connect.testing.CountingSourceConnector;
import dev.wharf.connect.testing.RecordingSinkConnector;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectorValidatorTest {
  private final ConnectorValidator validator = new ConnectorValidator(Plugins.load(List.of()));

  @Test
  void sinkWithoutTopicsHasTheErrorOnBothKeys() {
    ConfigInfos infos =
        validator.validate(
            Map.of("connector.class", RecordingSinkConnector.class.getName(), "name", "s"));

    assertThat(infos.name()).isEqualTo(RecordingSinkConnector.class.getName());
    assertThat(infos.groups()).startsWith("Common", "Transforms", "Predicates", "Error Handling");
    assertThat(value(infos, "topics").errors())
        .containsExactly("Must configure one of topics or topics.regex");
    assertThat(value(infos, "topics.regex").errors())
        .containsExactly("Must configure one of topics or topics.regex");
    assertThat(value(infos, "recorder").errors()).isNotEmpty();
    assertThat(infos.errorCount()).isEqualTo(3);
    ConfigInfos.ConfigKeyInfo topics = definition(infos, "topics");
    assertThat(topics.type()).isEqualTo("LIST");
    assertThat(topics.required()).isFalse();
    assertThat(topics.defaultValue()).isEqualTo("");
    assertThat(topics.group()).isEqualTo("Common");
    assertThat(topics.width()).isEqualTo("LONG");
    assertThat(definition(infos, "name").required()).isTrue();
    assertThat(definition(infos, "name").defaultValue()).isNull();
  }

  @Test
  void validSourceConfigHasNoErrorsAndReportsValues() {
    ConfigInfos infos =
        validator.validate(
            Map.of(
                "connector.class", CountingSourceConnector.class.getName(),
                "name", "src",
                "topic", "t",
                "tasks.max", "2"));

    assertThat(infos.errorCount()).isZero();
    assertThat(value(infos, "tasks.max").value()).isEqualTo("2");
    assertThat(value(infos, "topic").value()).isEqualTo("t");
  }

  @Test
  void badValuesAreReportedOnTheirKeys() {
    ConfigInfos infos =
        validator.validate(
            Map.of(
                "connector.class", CountingSourceConnector.class.getName(),
                "name", "src",
                "topic", "t",
                "tasks.max", "0",
                "errors.tolerance", "some"));

    assertThat(value(infos, "tasks.max").errors())
        .singleElement()
        .asString()
        .contains("at least 1");
    assertThat(value(infos, "errors.tolerance").errors()).isNotEmpty();
    assertThat(infos.errorCount()).isEqualTo(2);
  }

  @Test
  void transformKeysAppearUnderTheirAlias() {
    ConfigInfos infos =
        validator.validate(
            Map.of(
                "connector.class", CountingSourceConnector.class.getName(),
                "name", "src",
                "topic", "t",
                "transforms", "route",
                "transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter"));

    assertThat(infos.groups()).contains("Transforms: route");
    assertThat(value(infos, "transforms.route.regex").errors()).isNotEmpty();
    assertThat(definition(infos, "transforms.route.negate").type()).isEqualTo("BOOLEAN");
  }

  @Test
  void configWithoutConnectorClassIsABadRequest() {
    assertThatThrownBy(() -> validator.validate(Map.of("name", "x")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("contains no connector type");
  }

  private static ConfigInfos.ConfigValueInfo value(ConfigInfos infos, String name) {
    return find(infos, name).orElseThrow().value();
  }

  private static ConfigInfos.ConfigKeyInfo definition(ConfigInfos infos, String name) {
    return find(infos, name).orElseThrow().definition();
  }

  private static Optional<ConfigInfos.ConfigInfo> find(ConfigInfos infos, String name) {
    return infos.configs().stream().filter(c -> c.value().name().equals(name)).findFirst();
  }
}
