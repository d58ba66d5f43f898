package org.apache.kafka.connect.connector.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * Allows connectors to override only the client properties that choose the principal they connect
 * as: {@code sasl.jaas.config}, {@code sasl.mechanism} and {@code security.protocol} ({@code
 * connector.client.config.override.policy=Principal}); Wharf's implementation of Apache's class of
 * the same name, which Apache ships in its runtime JAR.
 */
public class PrincipalConnectorClientConfigOverridePolicy
    implements ConnectorClientConfigOverridePolicy {
  private static final Set<String> PRINCIPAL_PROPERTIES =
      Set.of(
          SaslConfigs.SASL_JAAS_CONFIG,
          SaslConfigs.SASL_MECHANISM,
          CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);

  @Override
  public List<ConfigValue> validate(ConnectorClientConfigRequest request) {
    return OverrideRules.validate(request, "Principal", PRINCIPAL_PROPERTIES::contains);
  }

  @Override
  public void configure(Map<String, ?> configs) {
    // This policy has no settings.
  }

  @Override
  public String version() {
    return AppInfoParser.getVersion();
  }

  @Override
  public void close() {
    // Nothing to release.
  }
}
