package dev.wharf.connect.worker;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The worker's {@code connector.client.config.override.policy}: which {@code producer.override.*}
 * and {@code consumer.override.*} keys a connector may set. {@code None} allows none, {@code
 * Principal} only the client's identity ({@code security.protocol}, {@code sasl.jaas.config},
 * {@code sasl.mechanism}), {@code All} (Apache's default since 3.0) any.
 */
public enum OverridePolicy {
  NONE,
  PRINCIPAL,
  ALL;

  private static final Set<String> PRINCIPAL_KEYS =
      Set.of(SaslConfigs.SASL_JAAS_CONFIG, SaslConfigs.SASL_MECHANISM, "security.protocol");

  /** Parses Apache's alias or class name of a policy. */
  public static OverridePolicy parse(String name) {
    String simple = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    if (simple.startsWith("none")) {
      return NONE;
    }
    if (simple.startsWith("principal")) {
      return PRINCIPAL;
    }
    if (simple.startsWith("all")) {
      return ALL;
    }
    throw new ConnectException("Unknown connector.client.config.override.policy: " + name);
  }

  /**
   * The overrides under {@code prefix} in {@code connector}, with the prefix removed.
   *
   * @throws ConnectException naming the connector and key when the policy forbids one
   */
  Map<String, String> allowed(String connectorName, String prefix, Map<String, String> connector) {
    Map<String, String> overrides = ClientConfigs.withPrefix(connector, prefix);
    for (String key : overrides.keySet()) {
      boolean ok = this == ALL || (this == PRINCIPAL && PRINCIPAL_KEYS.contains(key));
      if (!ok) {
        throw new ConnectException(
            "The '"
                + name().charAt(0)
                + name().substring(1).toLowerCase(Locale.ROOT)
                + "' connector client config override policy does not allow "
                + prefix
                + key
                + " for connector "
                + connectorName);
      }
    }
    return overrides;
  }
}
