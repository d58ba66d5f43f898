package dev.wharf.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.core.http.Json;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import dev.wharf.proxy.ProxyClient.Reply;
import dev.wharf.registry.SchemaRegistry;
import dev.wharf.registry.testing.TestRegistries;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaBroker.class)
class V3SchemaProduceTest {
  private static EmbeddedKafkaBroker kafka;
  private static SchemaRegistry registry;
  private static RestProxy proxy;
  private static ProxyClient client;
  private static String cluster;

  @BeforeAll
  static void start(EmbeddedKafkaBroker broker) {
    kafka = broker;
    registry = TestRegistries.start(broker);
    proxy = RegistryFixture.startProxy(broker, registry);
    client = new ProxyClient(proxy.url());
    cluster = "/v3/clusters/" + client.get("/v3/clusters").json().at("/data/0/cluster_id").asText();
  }

  @AfterAll
  static void stop() {
    proxy.close();
    registry.close();
  }

  private static JsonNode produce(String topic, ObjectNode value) {
    ObjectNode record = Json.mapper().createObjectNode();
    record.set("value", value);
    Reply reply =
        client.post(cluster + "/topics/" + topic + "/records", ProxyClient.JSON, record.toString());
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    return reply.json();
  }

  @Test
  void avroBySchemaThenByIdThenLatestIsReadByAnAvroConsumer() {
    String topic = ProxyFixture.topic(kafka, "v3-avro", 1);
    ObjectNode bySchema = Json.mapper().createObjectNode();
    bySchema.put("type", "AVRO");
    bySchema.put("schema", AvroFormatTest.USER_SCHEMA);
    bySchema.set("data", Json.mapper().createObjectNode().put("name", "Bill").putNull("age"));
    JsonNode first = produce(topic, bySchema);
    assertThat(first.get("error_code").asInt()).isEqualTo(200);
    JsonNode value = first.get("value");
    assertThat(value.get("type").asText()).isEqualTo("AVRO");
    assertThat(value.get("subject").asText()).isEqualTo(topic + "-value");
    assertThat(value.get("schema_version").asInt()).isEqualTo(1);
    int id = value.get("schema_id").asInt();
    assertThat(id).isPositive();
    assertThat(value.get("size").asInt()).isPositive();

    ObjectNode byId = Json.mapper().createObjectNode();
    byId.put("schema_id", id);
    byId.set("data", Json.mapper().createObjectNode().put("name", "Jane").putNull("age"));
    JsonNode second = produce(topic, byId);
    assertThat(second.at("/value/schema_id").asInt()).isEqualTo(id);
    assertThat(second.at("/value/type").asText()).isEqualTo("AVRO");

    // No schema fields at all: the subject's latest version.
    ObjectNode latest = Json.mapper().createObjectNode();
    latest.set("data", Json.mapper().createObjectNode().put("name", "Ann").putNull("age"));
    JsonNode third = produce(topic, latest);
    assertThat(third.at("/value/schema_id").asInt()).isEqualTo(id);
    assertThat(third.at("/value/schema_version").asInt()).isEqualTo(1);

    String base = RegistryFixture.subscribe(client, "avro", topic);
    List<JsonNode> records = RegistryFixture.read(client, base, RegistryFixture.AVRO, 3);
    assertThat(records)
        .extracting(record -> record.at("/value/name").asText())
        .containsExactly("Bill", "Jane", "Ann");
  }

  @Test
  void jsonSchemaByRawSchemaWorksAndABrokenDocumentGetsAnErrorReport() {
    String topic = ProxyFixture.topic(kafka, "v3-jsonschema", 1);
    ObjectNode good = Json.mapper().createObjectNode();
    good.put("type", "JSONSCHEMA");
    good.put("schema", JsonSchemaFormatTest.ORDER_SCHEMA);
    good.set("data", Json.mapper().createObjectNode().put("id", 5));
    JsonNode report = produce(topic, good);
    assertThat(report.at("/value/type").asText()).isEqualTo("JSONSCHEMA");
    assertThat(report.at("/value/subject").asText()).isEqualTo(topic + "-value");

    ObjectNode bad = good.deepCopy();
    bad.set("data", Json.mapper().createObjectNode().put("id", "five"));
    Reply reply =
        client.post(
            cluster + "/topics/" + topic + "/records",
            ProxyClient.JSON,
            Json.mapper().createObjectNode().set("value", bad).toString());
    assertThat(reply.status()).as(reply.text()).isEqualTo(408);
    assertThat(reply.errorCode()).isEqualTo(40801);
  }

  @Test
  void rawSchemaWithoutTypeIs400() {
    String topic = ProxyFixture.topic(kafka, "v3-notype", 1);
    ObjectNode value = Json.mapper().createObjectNode();
    value.put("schema", "{\"type\":\"int\"}");
    value.put("data", 1);
    Reply reply =
        client.post(
            cluster + "/topics/" + topic + "/records",
            ProxyClient.JSON,
            Json.mapper().createObjectNode().set("value", value).toString());
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("message").asText()).contains("type");
  }
}
