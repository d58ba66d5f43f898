package dev.wharf.proxy;

import dev.wharf.core.config.ConfigSource;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Starts a proxy on a free port against the shared broker (without a Schema Registry unless the
 * overrides name one), and makes uniquely named topics.
 */
final class ProxyFixture {
  private ProxyFixture() {}

  static RestProxy start(EmbeddedKafkaBroker broker, Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>();
    values.put("bootstrap.servers", broker.bootstrapServers());
    values.put("listeners", "http://127.0.0.1:0");
    // No registry unless a test starts one: nothing should depend on a stray localhost:8081.
    values.put("schema.registry.url", "");
    values.putAll(overrides);
    return new RestProxy(RestProxy.definition().parse(List.of(new ConfigSource("test", values))))
        .start();
  }

  static String topic(EmbeddedKafkaBroker broker, String prefix, int partitions) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
    } catch (ExecutionException e) {
      throw new AssertionError("cannot create topic " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return name;
  }
}
