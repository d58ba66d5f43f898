package dev.wharf.connect.plugins;

import java.util.List;
import java.util.Set;

/**
 * Decides which classes a plugin loads itself (child first) and which it must share with the
 * worker, following Apache Kafka Connect (KIP-146): the Java platform, the logging API and the
 * Kafka APIs (connect-api, kafka-clients) are shared, so that a connector and the worker agree on
 * what {@code SourceConnector} or {@code ConnectRecord} is; but the plugins Apache itself ships
 * inside {@code org.apache.kafka} (JSON converter, transforms, converters, file connectors, config
 * providers, override policies) are loaded in isolation when a plugin bundles its own copy.
 */
final class IsolationRules {

  /** Packages whose classes come from the worker's class path (parent first). */
  private static final List<String> SHARED_PACKAGES =
      List.of(
          "java.",
          "javax.",
          "org.w3c.dom.",
          "org.xml.sax.",
          "org.ietf.jgss.",
          "org.slf4j.",
          "org.apache.kafka.");

  /** Plugin implementations Apache ships inside org.apache.kafka; a plugin may bring its own. */
  private static final List<String> KAFKA_PLUGIN_PACKAGES =
      List.of(
          "org.apache.kafka.connect.transforms.",
          "org.apache.kafka.connect.json.",
          "org.apache.kafka.connect.file.",
          "org.apache.kafka.connect.mirror.",
          "org.apache.kafka.connect.converters.",
          "org.apache.kafka.connect.connector.policy.",
          "org.apache.kafka.common.config.provider.");

  private static final Set<String> KAFKA_PLUGIN_CLASSES =
      Set.of(
          "org.apache.kafka.connect.storage.StringConverter",
          "org.apache.kafka.connect.storage.SimpleHeaderConverter",
          "org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension");

  /**
   * The plugin interfaces that live inside the plugin packages above: they are API, so they and
   * their nested types always come from the worker.
   */
  private static final List<String> API_TYPES_IN_PLUGIN_PACKAGES =
      List.of(
          "org.apache.kafka.connect.transforms.Transformation",
          "org.apache.kafka.connect.transforms.predicates.Predicate",
          "org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy",
          "org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest",
          "org.apache.kafka.common.config.provider.ConfigProvider");

  private IsolationRules() {}

  /** Whether a plugin class loader should look for {@code className} in the plugin first. */
  static boolean loadsInIsolation(String className) {
    if (SHARED_PACKAGES.stream().noneMatch(className::startsWith)) {
      return true;
    }
    if (!className.startsWith("org.apache.kafka.")) {
      return false;
    }
    boolean api =
        API_TYPES_IN_PLUGIN_PACKAGES.stream()
            .anyMatch(type -> className.equals(type) || className.startsWith(type + "$"));
    return !api
        && (KAFKA_PLUGIN_CLASSES.contains(className)
            || KAFKA_PLUGIN_PACKAGES.stream().anyMatch(className::startsWith));
  }
}
