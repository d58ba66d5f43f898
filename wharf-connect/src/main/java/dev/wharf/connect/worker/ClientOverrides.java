package dev.wharf.connect.worker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.health.ConnectorType;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * A connector's {@code producer.override.*}, {@code consumer.override.*} and {@code
 * admin.override.*} settings, checked against the worker's {@code
 * connector.client.config.override.policy} (a plugin, {@code All} by default).
 */
final class ClientOverrides {
  private final ConnectorClientConfigOverridePolicy policy;

  ClientOverrides(ConnectorClientConfigOverridePolicy policy) {
    this.policy = policy;
  }

  /**
   * The overrides of {@code clientType} with their prefix removed.
   *
   * @throws ConnectException listing every override the policy refuses, naming the connector
   */
  Map<String, Object> allowed(
      Map<String, String> connectorConfig,
      Class<? extends Connector> connectorClass,
      ConnectorClientConfigRequest.ClientType clientType) {
    String prefix = clientType.name().toLowerCase(java.util.Locale.ROOT) + ".override.";
    Map<String, Object> overrides =
        new HashMap<>(ClientConfigs.withPrefix(connectorConfig, prefix));
    if (overrides.isEmpty()) {
      return overrides;
    }
    String name = connectorConfig.get("name");
    ConnectorType type =
        SinkConnector.class.isAssignableFrom(connectorClass)
            ? ConnectorType.SINK
            : ConnectorType.SOURCE;
    List<ConfigValue> results =
        policy.validate(
            new ConnectorClientConfigRequest(name, type, connectorClass, overrides, clientType));
    List<String> errors = new ArrayList<>();
    for (ConfigValue result : results) {
      errors.addAll(result.errorMessages());
    }
    if (!errors.isEmpty()) {
      throw new ConnectException(
          "Client overrides of connector "
              + name
              + " are not allowed: "
              + String.join("; ", errors));
    }
    return overrides;
  }
}
