package dev.wharf.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
class JsonSchemaFormatTest {
  static final String ORDER_SCHEMA =
      "{\"type\":\"object\",\"title\":\"Order\",\"properties\":{"
          + "\"id\":{\"type\":\"integer\"},\"item\":{\"type\":\"string\"}},"
          + "\"required\":[\"id\"]}";

  private static EmbeddedKafkaBroker kafka;
  private static SchemaRegistry registry;
  private static RestProxy proxy;
  private static ProxyClient client;
  private static ProxyClient registryClient;

  @BeforeAll
  static void start(EmbeddedKafkaBroker broker) {
    kafka = broker;
    registry = TestRegistries.start(broker);
    proxy = RegistryFixture.startProxy(broker, registry);
    client = new ProxyClient(proxy.url());
    registryClient = new ProxyClient(registry.url());
  }

  @AfterAll
  static void stop() {
    proxy.close();
    registry.close();
  }

  private static String produce(String topic, String schemaField, String records) {
    return "{" + schemaField + ",\"records\":[" + records + "]}";
  }

  @Test
  void producedWithASchemaIsReadBackByAJsonSchemaConsumer() {
    String topic = ProxyFixture.topic(kafka, "jsonschema", 1);
    Reply produced =
        client.post(
            "/topics/" + topic,
            RegistryFixture.JSONSCHEMA,
            produce(
                topic,
                "\"value_schema\":" + Json.mapper().valueToTree(ORDER_SCHEMA),
                "{\"value\":{\"id\":1,\"item\":\"pen\"}},{\"value\":{\"id\":2}}"));
    assertThat(produced.status()).as(produced.text()).isEqualTo(200);
    int id = produced.json().get("value_schema_id").asInt();
    assertThat(id).isPositive();
    JsonNode registered = registryClient.get("/subjects/" + topic + "-value/versions/1").json();
    assertThat(registered.get("schemaType").asText()).isEqualTo("JSON");
    assertThat(registered.get("id").asInt()).isEqualTo(id);

    String base = RegistryFixture.subscribe(client, "jsonschema", topic);
    List<JsonNode> records = RegistryFixture.read(client, base, RegistryFixture.JSONSCHEMA, 2);
    assertThat(records.get(0).get("value").toString()).isEqualTo("{\"id\":1,\"item\":\"pen\"}");
    assertThat(records.get(1).get("value").toString()).isEqualTo("{\"id\":2}");

    Reply avroAccept = client.get(base + "/records", RegistryFixture.AVRO);
    assertThat(avroAccept.status()).isEqualTo(406);
    assertThat(avroAccept.errorCode()).isEqualTo(40601);
  }

  @Test
  void documentThatBreaksTheSchemaIs40801AndNothingIsWritten() {
    String topic = ProxyFixture.topic(kafka, "jsonschema-bad", 1);
    Reply reply =
        client.post(
            "/topics/" + topic,
            RegistryFixture.JSONSCHEMA,
            produce(
                topic,
                "\"value_schema\":" + Json.mapper().valueToTree(ORDER_SCHEMA),
                "{\"value\":{\"id\":1}},{\"value\":{\"id\":\"not a number\"}}"));
    assertThat(reply.status()).as(reply.text()).isEqualTo(408);
    assertThat(reply.errorCode()).isEqualTo(40801);
    assertThat(reply.json().get("message").asText()).contains("records[1].value");
    assertThat(
            client
                .get("/topics/" + topic + "/partitions/0/offsets")
                .json()
                .get("end_offset")
                .asLong())
        .isZero();
  }

  @Test
  void schemaThatIsNotJsonSchemaIs42205() {
    String topic = ProxyFixture.topic(kafka, "jsonschema-invalid", 1);
    Reply reply =
        client.post(
            "/topics/" + topic,
            RegistryFixture.JSONSCHEMA,
            produce(topic, "\"value_schema\":\"[1,2\"", "{\"value\":{\"id\":1}}"));
    assertThat(reply.status()).as(reply.text()).isEqualTo(422);
    assertThat(reply.errorCode()).isEqualTo(42205);
  }
}
