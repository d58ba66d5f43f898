package dev.wharf.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.core.config.Config;
import dev.wharf.core.config.ConfigException;
import dev.wharf.core.config.ConfigKey;
import dev.wharf.core.config.ConfigSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaRegistryConfigTest {

  private static Config parse(Map<String, String> values) {
    return SchemaRegistry.definition().parse(List.of(new ConfigSource("test", values)));
  }

  @Test
  void usesConfluentsKeyNamesAndDefaults() {
    Config config = parse(Map.of("kafkastore.bootstrap.servers", "localhost:9092"));
    assertThat(config.get(SchemaRegistryConfig.LISTENERS)).isEqualTo("http://127.0.0.1:8081");
    assertThat(config.get(SchemaRegistryConfig.KAFKASTORE_TOPIC)).isEqualTo("_schemas");
    assertThat(config.get(SchemaRegistryConfig.KAFKASTORE_TOPIC_REPLICATION_FACTOR)).isEqualTo(3);
    assertThat(config.get(SchemaRegistryConfig.SCHEMA_COMPATIBILITY_LEVEL)).isEqualTo("backward");
    assertThat(SchemaRegistry.definition().keys()).allMatch(key -> !key.doc().isBlank());
    assertThat(SchemaRegistry.definition().keys().stream().map(ConfigKey::name))
        .contains(
            "listeners",
            "kafkastore.bootstrap.servers",
            "kafkastore.topic",
            "kafkastore.topic.replication.factor",
            "schema.compatibility.level");
  }

  @Test
  void passesKafkastoreClientSettingsThrough() {
    Config config =
        parse(
            Map.of(
                "kafkastore.bootstrap.servers", "localhost:9092",
                "kafkastore.security.protocol", "SSL"));
    assertThat(config.passThrough(SchemaRegistryConfig.KAFKASTORE_PREFIX))
        .containsEntry("security.protocol", "SSL");
  }

  @Test
  void refusesBadValuesNamingTheKey() {
    assertThatThrownBy(() -> parse(Map.of("schema.compatibility.level", "sideways")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.compatibility.level");
    assertThatThrownBy(() -> new SchemaRegistry(parse(Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kafkastore.bootstrap.servers");
    assertThatThrownBy(
            () ->
                new SchemaRegistry(
                    parse(
                        Map.of("kafkastore.bootstrap.servers", "x:1", "listeners", "https://h:1"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("listeners");
  }
}
