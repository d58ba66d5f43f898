package dev.wharf.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.proxy.ProxyClient.Reply;
import dev.wharf.registry.SchemaRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real Schema Registry on the shared broker (its own {@code _schemas} topic per test class), a
 * proxy pointed at it, and the consumer steps the schema format tests repeat.
 */
final class RegistryFixture {
  static final String AVRO = "application/vnd.kafka.avro.v2+json";
  static final String JSONSCHEMA = "application/vnd.kafka.jsonschema.v2+json";

  private RegistryFixture() {}

  static RestProxy startProxy(EmbeddedKafkaBroker broker, SchemaRegistry registry) {
    return ProxyFixture.start(broker, Map.of("schema.registry.url", registry.url().toString()));
  }

  /** Creates a consumer of {@code format} reading {@code topic} from the start; its base URI. */
  static String subscribe(ProxyClient client, String format, String topic) {
    String group = "g-" + UUID.randomUUID().toString().substring(0, 8);
    Reply created =
        client.post(
            "/consumers/" + group,
            ProxyClient.V2,
            "{\"format\":\"" + format + "\",\"auto.offset.reset\":\"earliest\"}");
    assertThat(created.status()).as(created.text()).isEqualTo(200);
    String base = created.json().get("base_uri").asText();
    Reply subscribed =
        client.post(base + "/subscription", ProxyClient.V2, "{\"topics\":[\"" + topic + "\"]}");
    assertThat(subscribed.status()).as(subscribed.text()).isEqualTo(204);
    return base;
  }

  /** Reads records with {@code accept} until {@code count} have arrived. */
  static List<JsonNode> read(ProxyClient client, String base, String accept, int count) {
    List<JsonNode> records = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              Reply reply = client.get(base + "/records?timeout=500", accept);
              assertThat(reply.status()).as(reply.text()).isEqualTo(200);
              assertThat(reply.contentType()).startsWith(accept);
              reply.json().forEach(records::add);
              return records.size() >= count;
            });
    return records;
  }
}
