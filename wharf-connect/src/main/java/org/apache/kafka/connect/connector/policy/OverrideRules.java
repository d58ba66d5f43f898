package org.apache.kafka.connect.connector.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.common.config.ConfigValue;

/**
 * The check the built-in override policies share: every client property a connector overrides
 * ({@code producer.override.*}, {@code consumer.override.*}, {@code admin.override.*}, with the
 * prefix removed) is accepted or gets Apache's error message naming the policy and the property.
 */
final class OverrideRules {
  private OverrideRules() {}

  static List<ConfigValue> validate(
      ConnectorClientConfigRequest request, String policyName, Predicate<String> allowed) {
    List<ConfigValue> results = new ArrayList<>();
    request
        .clientProps()
        .forEach(
            (name, value) -> {
              ConfigValue result =
                  new ConfigValue(name, value, new ArrayList<>(), new ArrayList<>());
              if (!allowed.test(name)) {
                result.addErrorMessage(
                    "The '"
                        + policyName
                        + "' policy does not allow '"
                        + name
                        + "' to be overridden in the connector configuration.");
              }
              results.add(result);
            });
    return results;
  }
}
