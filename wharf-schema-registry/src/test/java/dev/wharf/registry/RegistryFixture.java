package dev.wharf.registry;

import dev.wharf.core.config.ConfigSource;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Starts registries on free ports against the shared broker, each test on its own topic. */
final class RegistryFixture {
  private RegistryFixture() {}

  static String uniqueTopic() {
    return "_schemas-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static SchemaRegistry start(EmbeddedKafkaBroker broker, String topic) {
    return start(broker, topic, Map.of());
  }

  static SchemaRegistry start(
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
