package dev.wharf.serdes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import dev.wharf.registry.SchemaRegistry;
import dev.wharf.registry.testing.TestRegistries;
import dev.wharf.serdes.json.KafkaJsonSchemaDeserializer;
import dev.wharf.serdes.json.KafkaJsonSchemaSerializer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaBroker.class)
class JsonSchemaSerdeTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static SchemaRegistry registry;
  private static EmbeddedKafkaBroker kafka;

  @BeforeAll
  static void start(EmbeddedKafkaBroker broker) {
    kafka = broker;
    registry = TestRegistries.start(broker);
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  private static Map<String, Object> serdeConfig(Map<String, Object> extra) {
    Map<String, Object> config = new HashMap<>();
    config.put("schema.registry.url", registry.url().toString());
    config.putAll(extra);
    return config;
  }

  @Test
  void documentsRoundTripThroughKafkaInConfluentsWireFormat() throws Exception {
    String topic = "json-" + RegistryForTests.unique();
    JsonNode schema =
        MAPPER.readTree(
            "{\"type\":\"object\",\"title\":\"Order\",\"properties\":{\"id\":{\"type\":\"integer\"}},"
                + "\"required\":[\"id\"]}");
    JsonNode document = MAPPER.readTree("{\"id\":7}");
    Map<String, Object> producerConfig = new HashMap<>(serdeConfig(Map.of()));
    producerConfig.put("bootstrap.servers", kafka.bootstrapServers());
    producerConfig.put("key.serializer", StringSerializer.class.getName());
    producerConfig.put("value.serializer", KafkaJsonSchemaSerializer.class.getName());
    try (KafkaProducer<String, Object> producer = new KafkaProducer<>(producerConfig)) {
      producer
          .send(
              new ProducerRecord<>(
                  topic, "k", KafkaJsonSchemaSerializer.envelope(schema, document)))
          .get();
    }
    SchemaRegistryClient client =
        new SchemaRegistryClient(List.of(registry.url().toString()), null);
    RegisteredSchema registered = client.latest(topic + "-value");
    assertThat(registered.schemaType()).isEqualTo("JSON");

    byte[] value = RegistryForTests.readRaw(kafka, topic, 1).get(0).value();
    assertThat(value[0]).isEqualTo((byte) 0);
    assertThat(ByteBuffer.wrap(value, 1, 4).getInt()).isEqualTo(registered.id());
    assertThat(new String(Arrays.copyOfRange(value, 5, value.length), StandardCharsets.UTF_8))
        .isEqualTo("{\"id\":7}");

    KafkaJsonSchemaDeserializer deserializer = new KafkaJsonSchemaDeserializer();
    deserializer.configure(serdeConfig(Map.of("json.fail.invalid.schema", "true")), false);
    assertThat(deserializer.deserialize(topic, value)).isEqualTo(document);
  }

  @Test
  void invalidDocumentsAreRefusedWhenValidationIsOn() throws Exception {
    String topic = "jsonv-" + RegistryForTests.unique();
    JsonNode schema =
        MAPPER.readTree("{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"}}}");
    KafkaJsonSchemaSerializer serializer = new KafkaJsonSchemaSerializer();
    serializer.configure(serdeConfig(Map.of("json.fail.invalid.schema", "true")), false);
    assertThatThrownBy(
            () ->
                serializer.serialize(
                    topic,
                    KafkaJsonSchemaSerializer.envelope(schema, MAPPER.readTree("{\"id\":\"x\"}"))))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(topic + "-value");
    // With the latest version, plain objects are checked against the subject's schema.
    serializer.serialize(
        topic, KafkaJsonSchemaSerializer.envelope(schema, MAPPER.readTree("{\"id\":1}")));
    KafkaJsonSchemaSerializer latest = new KafkaJsonSchemaSerializer();
    latest.configure(serdeConfig(Map.of("use.latest.version", "true")), false);
    byte[] bytes = latest.serialize(topic, Map.of("id", 5));
    KafkaJsonSchemaDeserializer deserializer = new KafkaJsonSchemaDeserializer();
    deserializer.configure(serdeConfig(Map.of()), false);
    assertThat(deserializer.deserialize(topic, bytes).get("id").asInt()).isEqualTo(5);
  }
}
