package dev.wharf.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.core.http.Json;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import dev.wharf.proxy.ProxyClient.Reply;
import dev.wharf.registry.SchemaRegistry;
import dev.wharf.registry.testing.TestRegistries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The v2 produce errors of the Schema Registry formats, with Confluent's statuses and codes. */
@ExtendWith(SharedKafkaBroker.class)
class SchemaProduceErrorsTest {
  private static EmbeddedKafkaBroker kafka;
  private static SchemaRegistry registry;
  private static RestProxy proxy;
  private static ProxyClient client;
  private static String topic;

  @BeforeAll
  static void start(EmbeddedKafkaBroker broker) {
    kafka = broker;
    registry = TestRegistries.start(broker);
    proxy = RegistryFixture.startProxy(broker, registry);
    client = new ProxyClient(proxy.url());
    topic = ProxyFixture.topic(broker, "schema-errors", 1);
  }

  @AfterAll
  static void stop() {
    proxy.close();
    registry.close();
  }

  private static Reply produceAvro(String body) {
    return client.post("/topics/" + topic, RegistryFixture.AVRO, body);
  }

  private static String intSchema() {
    return "\"{\\\"type\\\":\\\"int\\\"}\"";
  }

  @Test
  void keyWithoutKeySchemaIs42201() {
    Reply reply =
        produceAvro("{\"value_schema\":" + intSchema() + ",\"records\":[{\"key\":1,\"value\":2}]}");
    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.errorCode()).isEqualTo(42201);
    assertThat(reply.json().get("message").asText())
        .isEqualTo("Request includes keys but does not include key schema");
  }

  @Test
  void valueWithoutValueSchemaIs42202() {
    Reply reply =
        produceAvro("{\"key_schema\":" + intSchema() + ",\"records\":[{\"key\":1,\"value\":2}]}");
    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.errorCode()).isEqualTo(42202);
    assertThat(reply.json().get("message").asText())
        .isEqualTo("Request includes values but does not include value schema");
  }

  @Test
  void nullKeysNeedNoKeySchema() {
    Reply reply = produceAvro("{\"value_schema\":" + intSchema() + ",\"records\":[{\"value\":2}]}");
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    assertThat(reply.json().get("key_schema_id").isNull()).isTrue();
    assertThat(reply.json().get("value_schema_id").asInt()).isPositive();
  }

  @Test
  void unparsableSchemaIs42205() {
    Reply reply =
        produceAvro(
            "{\"value_schema\":\"{\\\"type\\\":\\\"no-such-type\\\"}\","
                + "\"records\":[{\"value\":1}]}");
    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.errorCode()).isEqualTo(42205);
    assertThat(reply.json().get("message").asText()).startsWith("Invalid schema: ");
  }

  @Test
  void recordNotMatchingTheSchemaIs40801() {
    Reply reply =
        produceAvro(
            "{\"value_schema\":" + intSchema() + ",\"records\":[{\"value\":\"not an int\"}]}");
    assertThat(reply.status()).isEqualTo(408);
    assertThat(reply.errorCode()).isEqualTo(40801);
    assertThat(reply.json().get("message").asText()).contains("records[0].value");
  }

  @Test
  void unknownSchemaIdIs40801() {
    Reply reply = produceAvro("{\"value_schema_id\":999999,\"records\":[{\"value\":1}]}");
    assertThat(reply.status()).isEqualTo(408);
    assertThat(reply.errorCode()).isEqualTo(40801);
    assertThat(reply.json().get("message").asText()).contains("999999");
  }

  @Test
  void incompatibleSchemaIs40801() {
    String record =
        "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
    String breaking =
        "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"b\",\"type\":\"string\"}]}";
    String evolving = ProxyFixture.topic(kafka, "schema-evolve", 1);
    Reply first =
        client.post(
            "/topics/" + evolving,
            RegistryFixture.AVRO,
            "{\"value_schema\":"
                + Json.mapper().valueToTree(record)
                + ",\"records\":[{\"value\":{\"a\":1}}]}");
    assertThat(first.status()).as(first.text()).isEqualTo(200);
    Reply second =
        client.post(
            "/topics/" + evolving,
            RegistryFixture.AVRO,
            "{\"value_schema\":"
                + Json.mapper().valueToTree(breaking)
                + ",\"records\":[{\"value\":{\"b\":\"x\"}}]}");
    assertThat(second.status()).as(second.text()).isEqualTo(408);
    assertThat(second.errorCode()).isEqualTo(40801);
  }

  @Test
  void schemaIdOfAnotherTypeIs40801() {
    String jsonTopic = ProxyFixture.topic(kafka, "schema-json", 1);
    Reply json =
        client.post(
            "/topics/" + jsonTopic,
            RegistryFixture.JSONSCHEMA,
            "{\"value_schema\":\"{\\\"type\\\":\\\"integer\\\"}\",\"records\":[{\"value\":1}]}");
    assertThat(json.status()).as(json.text()).isEqualTo(200);
    int jsonId = json.json().get("value_schema_id").asInt();
    Reply reply = produceAvro("{\"value_schema_id\":" + jsonId + ",\"records\":[{\"value\":1}]}");
    assertThat(reply.status()).isEqualTo(408);
    assertThat(reply.errorCode()).isEqualTo(40801);
  }

  @Test
  void protobufIsRefusedWith415() {
    Reply reply =
        client.post(
            "/topics/" + topic,
            "application/vnd.kafka.protobuf.v2+json",
            "{\"value_schema\":\"syntax = \\\"proto3\\\";\",\"records\":[{\"value\":{}}]}");
    assertThat(reply.status()).isEqualTo(415);
    assertThat(reply.json().get("message").asText()).contains("protobuf");
  }
}
