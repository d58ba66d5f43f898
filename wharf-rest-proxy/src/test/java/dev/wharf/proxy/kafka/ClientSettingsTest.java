package dev.wharf.proxy.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.core.config.Config;
import dev.wharf.core.config.ConfigException;
import dev.wharf.core.config.ConfigSource;
import dev.wharf.proxy.RestProxy;
import dev.wharf.proxy.RestProxyConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientSettingsTest {

  private static Config parse(Map<String, String> values) {
    return RestProxy.definition().parse(List.of(new ConfigSource("kafka-rest.properties", values)));
  }

  @Test
  void proxyOwnedKeysNeverReachAKafkaClient() {
    Config config =
        parse(
            Map.of(
                "bootstrap.servers", "kafka:9092",
                "consumer.request.timeout.ms", "2500",
                "consumer.instance.timeout.ms", "1000",
                "consumer.max.poll.records", "7"));
    Map<String, Object> consumer = new ClientSettings(config).consumer();
    assertThat(consumer)
        .containsEntry("max.poll.records", "7")
        .containsEntry("bootstrap.servers", "kafka:9092")
        .doesNotContainKeys("request.timeout.ms", "instance.timeout.ms");
    assertThat(config.get(RestProxyConfig.CONSUMER_REQUEST_TIMEOUT_MS)).isEqualTo(2500L);
  }

  @Test
  void clientKeysApplyToEveryClientAndPrefixedKeysOverrideThem() {
    Config config =
        parse(
            Map.of(
                "bootstrap.servers", "kafka:9092",
                "client.security.protocol", "SSL",
                "producer.security.protocol", "PLAINTEXT",
                "admin.request.timeout.ms", "5000"));
    ClientSettings settings = new ClientSettings(config);
    assertThat(settings.consumer()).containsEntry("security.protocol", "SSL");
    assertThat(settings.producer()).containsEntry("security.protocol", "PLAINTEXT");
    assertThat(settings.admin())
        .containsEntry("security.protocol", "SSL")
        .containsEntry("request.timeout.ms", "5000");
  }

  @Test
  void confluentsOwnPropertiesFileLoads() {
    Config config =
        parse(
            Map.of(
                "id", "kafka-rest-test-server",
                "schema.registry.url", "http://localhost:8081",
                "bootstrap.servers", "PLAINTEXT://localhost:9092"));
    assertThat(new ClientSettings(config).producer())
        .containsEntry("bootstrap.servers", "PLAINTEXT://localhost:9092")
        .doesNotContainKey("schema.registry.url");
  }

  @Test
  void defaultsFollowConfluent() {
    Config config = parse(Map.of());
    assertThat(config.get(RestProxyConfig.LISTENERS)).isEqualTo("http://127.0.0.1:8082");
    assertThat(config.get(RestProxyConfig.CONSUMER_INSTANCE_TIMEOUT_MS)).isEqualTo(300_000L);
    assertThat(config.get(RestProxyConfig.CONSUMER_REQUEST_TIMEOUT_MS)).isEqualTo(1000L);
    assertThat(config.get(RestProxyConfig.CONSUMER_REQUEST_MAX_BYTES)).isEqualTo(67_108_864L);
  }

  @Test
  void badConfigurationIsRejectedWithTheKeyNamed() {
    assertThatThrownBy(() -> parse(Map.of("bootstrap.server", "typo:9092")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("bootstrap.server");
    assertThatThrownBy(() -> new RestProxy(parse(Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("bootstrap.servers");
    assertThatThrownBy(
            () ->
                new RestProxy(
                    parse(Map.of("bootstrap.servers", "k:9092", "listeners", "https://h:8082"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("listeners");
  }
}
