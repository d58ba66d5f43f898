package dev.wharf.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.http.Json;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import dev.wharf.proxy.ProxyClient.Reply;
import dev.wharf.registry.SchemaRegistry;
import dev.wharf.registry.testing.TestRegistries;
import dev.wharf.serdes.avro.KafkaAvroDeserializer;
import dev.wharf.serdes.avro.KafkaAvroSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaBroker.class)
class AvroFormatTest {
  static final String USER_SCHEMA =
      "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"com.example\",\"fields\":["
          + "{\"name\":\"name\",\"type\":\"string\"},"
          + "{\"name\":\"age\",\"type\":[\"null\",\"int\"],\"default\":null}]}";

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

  private static String quoted(String schema) {
    return Json.mapper().valueToTree(schema).toString();
  }

  @Test
  void producedWithASchemaIsRegisteredAndReadBackByAnAvroConsumer() {
    String topic = ProxyFixture.topic(kafka, "avro", 1);
    Reply produced =
        client.post(
            "/topics/" + topic,
            RegistryFixture.AVRO,
            "{\"key_schema\":\"{\\\"type\\\":\\\"string\\\"}\",\"value_schema\":"
                + quoted(USER_SCHEMA)
                + ",\"records\":[{\"key\":\"u1\",\"value\":{\"name\":\"Bill\",\"age\":{\"int\":42}}},"
                + "{\"key\":\"u2\",\"value\":{\"name\":\"Jane\",\"age\":null}}]}");
    assertThat(produced.status()).as(produced.text()).isEqualTo(200);
    int keyId = produced.json().get("key_schema_id").asInt();
    int valueId = produced.json().get("value_schema_id").asInt();
    assertThat(keyId).isPositive();
    assertThat(valueId).isPositive().isNotEqualTo(keyId);
    assertThat(produced.json().at("/offsets/1/offset").asLong()).isEqualTo(1);
    // Registered under the topic's subjects, as TopicNameStrategy names them.
    assertThat(registryClient.get("/subjects/" + topic + "-value/versions").text())
        .isEqualTo("[1]");
    assertThat(registryClient.get("/subjects/" + topic + "-key/versions").text()).isEqualTo("[1]");

    // The id alone is enough for the next request.
    Reply byId =
        client.post(
            "/topics/" + topic,
            RegistryFixture.AVRO,
            "{\"value_schema_id\":"
                + valueId
                + ",\"records\":[{\"value\":{\"name\":\"Ann\",\"age\":{\"int\":7}}}]}");
    assertThat(byId.status()).as(byId.text()).isEqualTo(200);
    assertThat(byId.json().get("value_schema_id").asInt()).isEqualTo(valueId);
    assertThat(byId.json().get("key_schema_id").isNull()).isTrue();

    String base = RegistryFixture.subscribe(client, "avro", topic);
    List<JsonNode> records = RegistryFixture.read(client, base, RegistryFixture.AVRO, 3);
    assertThat(records.get(0).get("key").asText()).isEqualTo("u1");
    assertThat(records.get(0).get("value").toString())
        .isEqualTo("{\"name\":\"Bill\",\"age\":{\"int\":42}}");
    assertThat(records.get(1).get("value").toString())
        .isEqualTo("{\"name\":\"Jane\",\"age\":null}");
    assertThat(records.get(2).get("key").isNull()).isTrue();
    assertThat(records.get(2).get("value").get("name").asText()).isEqualTo("Ann");
  }

  @Test
  void acceptOfAnotherFormatIs40601() {
    String topic = ProxyFixture.topic(kafka, "avro-accept", 1);
    String avroConsumer = RegistryFixture.subscribe(client, "avro", topic);
    Reply json = client.get(avroConsumer + "/records", ProxyClient.JSON_V2);
    assertThat(json.status()).isEqualTo(406);
    assertThat(json.errorCode()).isEqualTo(40601);

    String binaryConsumer = RegistryFixture.subscribe(client, "binary", topic);
    Reply avro = client.get(binaryConsumer + "/records", RegistryFixture.AVRO);
    assertThat(avro.status()).isEqualTo(406);
    assertThat(avro.errorCode()).isEqualTo(40601);
  }

  @Test
  void recordsOfKafkaAvroSerializerAreReadByAnAvroConsumer() {
    String topic = ProxyFixture.topic(kafka, "avro-serializer", 1);
    Schema schema = new Schema.Parser().parse(USER_SCHEMA);
    GenericRecord user = new GenericData.Record(schema);
    user.put("name", "Zoe");
    user.put("age", 30);
    KafkaAvroSerializer serializer = new KafkaAvroSerializer();
    serializer.configure(Map.of("schema.registry.url", registry.url().toString()), false);
    try (KafkaProducer<String, Object> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", kafka.bootstrapServers()),
            new StringSerializer(),
            serializer)) {
      producer.send(new ProducerRecord<>(topic, user));
      producer.flush();
    }
    String base = RegistryFixture.subscribe(client, "avro", topic);
    List<JsonNode> records = RegistryFixture.read(client, base, RegistryFixture.AVRO, 1);
    assertThat(records.get(0).get("value").toString())
        .isEqualTo("{\"name\":\"Zoe\",\"age\":{\"int\":30}}");
  }

  @Test
  void proxyProducedAvroIsReadByKafkaAvroDeserializer() {
    String topic = ProxyFixture.topic(kafka, "avro-deserializer", 1);
    Reply produced =
        client.post(
            "/topics/" + topic,
            RegistryFixture.AVRO,
            "{\"value_schema\":"
                + quoted(USER_SCHEMA)
                + ",\"records\":[{\"value\":{\"name\":\"Max\",\"age\":{\"int\":5}}}]}");
    assertThat(produced.status()).as(produced.text()).isEqualTo(200);

    KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
    deserializer.configure(Map.of("schema.registry.url", registry.url().toString()), false);
    List<ConsumerRecord<String, Object>> records = new ArrayList<>();
    try (KafkaConsumer<String, Object> consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                kafka.bootstrapServers(),
                "group.id",
                "avro-reader-" + topic,
                "auto.offset.reset",
                "earliest"),
            new StringDeserializer(),
            deserializer)) {
      consumer.subscribe(List.of(topic));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
              });
    }
    GenericRecord user = (GenericRecord) records.get(0).value();
    assertThat(user.get("name").toString()).isEqualTo("Max");
    assertThat(user.get("age")).isEqualTo(5);
    assertThat(user.getSchema().getFullName()).isEqualTo("com.example.User");
  }
}
