package dev.wharf.connect.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest.ClientType;
import org.apache.kafka.connect.health.ConnectorType;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The built-in connector client config override policies, looked up as a worker does. */
class OverridePoliciesTest {
  private static Plugins plugins;

  @BeforeAll
  static void load() {
    plugins = Plugins.load(List.of());
  }

  @AfterAll
  static void close() {
    plugins.close();
  }

  @Test
  void noneRejectsEveryOverrideWithApachesMessage() {
    assertThat(errors("None", Map.of("batch.size", "1")))
        .containsExactly(
            "batch.size: The 'None' policy does not allow 'batch.size' to be overridden in the"
                + " connector configuration.");
  }

  @Test
  void principalAllowsOnlyTheSaslAndSecurityProtocolSettings() {
    Map<String, Object> overrides =
        Map.of(
            "sasl.jaas.config", "x",
            "sasl.mechanism", "PLAIN",
            "security.protocol", "SASL_SSL",
            "acks", "all");
    assertThat(errors("Principal", overrides))
        .containsExactly(
            "acks: The 'Principal' policy does not allow 'acks' to be overridden in the connector"
                + " configuration.");
  }

  @Test
  void allAllowsEverything() {
    assertThat(errors("All", Map.of("acks", "all", "sasl.jaas.config", "x"))).isEmpty();
  }

  private static List<String> errors(String policyName, Map<String, Object> overrides) {
    ConnectorClientConfigOverridePolicy policy = plugins.newOverridePolicy(policyName);
    policy.configure(Map.of());
    List<ConfigValue> results =
        policy.validate(
            new ConnectorClientConfigRequest(
                "my-connector",
                ConnectorType.SOURCE,
                SourceConnector.class,
                overrides,
                ClientType.PRODUCER));
    assertThat(results)
        .extracting(ConfigValue::name)
        .containsExactlyInAnyOrderElementsOf(overrides.keySet());
    return results.stream()
        .flatMap(v -> v.errorMessages().stream().map(message -> v.name() + ": " + message))
        .toList();
  }
}
