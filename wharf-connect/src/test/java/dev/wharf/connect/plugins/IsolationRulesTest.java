package dev.wharf.connect.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which classes a plugin loads itself and which it shares with the worker. */
class IsolationRulesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "java.lang.String",
        "javax.net.ssl.SSLContext",
        "org.slf4j.Logger",
        "org.w3c.dom.Document",
        "org.apache.kafka.clients.producer.KafkaProducer",
        "org.apache.kafka.connect.source.SourceConnector",
        "org.apache.kafka.connect.storage.Converter",
        "org.apache.kafka.connect.transforms.Transformation",
        "org.apache.kafka.connect.transforms.predicates.Predicate",
        "org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy",
        "org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest$ClientType",
        "org.apache.kafka.common.config.provider.ConfigProvider",
        "org.apache.kafka.connect.runtime.Worker"
      })
  void apisAreSharedWithTheWorker(String className) {
    assertThat(IsolationRules.loadsInIsolation(className)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "com.acme.MyConnector",
        "com.fasterxml.jackson.databind.ObjectMapper",
        "org.apache.commons.lang3.StringUtils",
        "org.apache.kafka.connect.json.JsonConverter",
        "org.apache.kafka.connect.file.FileStreamSourceConnector",
        "org.apache.kafka.connect.transforms.Cast$Value",
        "org.apache.kafka.connect.transforms.util.SimpleConfig",
        "org.apache.kafka.connect.transforms.predicates.TopicNameMatches",
        "org.apache.kafka.connect.converters.ByteArrayConverter",
        "org.apache.kafka.connect.storage.StringConverter",
        "org.apache.kafka.connect.connector.policy.AllConnectorClientConfigOverridePolicy",
        "org.apache.kafka.common.config.provider.FileConfigProvider",
        "org.apache.kafka.connect.mirror.MirrorSourceConnector"
      })
  void pluginImplementationsAreLoadedFromThePluginFirst(String className) {
    assertThat(IsolationRules.loadsInIsolation(className)).isTrue();
  }
}
