package dev.wharf.registry.testing;

import dev.wharf.core.config.ConfigSource;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.registry.SchemaRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Real Schema Registries on free ports against a test broker, each on its own {@code _schemas}
 * topic, for the registry's own tests and for the modules that test against a registry (the serdes,
 * the REST Proxy's schema formats); shipped in this module's test-jar.
 */
public final class TestRegistries {
  private TestRegistries() {}

  /** A fresh storage topic name; registries on different topics know nothing of each other. */
  public static String uniqueTopic() {
    return "_schemas-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A started registry on a topic of its own. */
  public static SchemaRegistry start(EmbeddedKafkaBroker broker) {
    return start(broker, uniqueTopic());
  }

  /** A started registry storing on {@code topic}; instances on one topic form one cluster. */
  public static SchemaRegistry start(EmbeddedKafkaBroker broker, String topic) {
    return start(broker, topic, Map.of());
  }

  /** As {@link #start(EmbeddedKafkaBroker, String)}, with Confluent keys {@code overrides}. */
  public static SchemaRegistry start(
      EmbeddedKafkaBroker broker, String topic, Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>();
    values.put("kafkastore.bootstrap.servers", broker.bootstrapServers());
    values.put("listeners", "http://127.0.0.1:0");
    values.put("kafkastore.topic", topic);
    // Instances of one topic form one group; tests on other topics must not join it.
    values.put("schema.registry.group.id", "registry-" + topic);
    // The shared test machine can be slow; Confluent's 500 ms default is for production clusters.
    values.put("kafkastore.timeout.ms", "10000");
    values.putAll(overrides);
    return new SchemaRegistry(
            SchemaRegistry.definition().parse(List.of(new ConfigSource("test", values))))
        .start();
  }
}
