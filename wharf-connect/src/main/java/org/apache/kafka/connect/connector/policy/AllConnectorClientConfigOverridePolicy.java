package org.apache.kafka.connect.connector.policy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * Allows connectors to override any client property ({@code
 * connector.client.config.override.policy=All}); Wharf's implementation of Apache's class of the
 * same name, which Apache ships in its runtime JAR.
 */
public class AllConnectorClientConfigOverridePolicy implements ConnectorClientConfigOverridePolicy {
  @Override
  public List<ConfigValue> validate(ConnectorClientConfigRequest request) {
    return OverrideRules.validate(request, "All", name -> true);
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
