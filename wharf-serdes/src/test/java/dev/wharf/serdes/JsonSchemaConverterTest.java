package dev.wharf.serdes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import dev.wharf.registry.SchemaRegistry;
import dev.wharf.registry.testing.TestRegistries;
import dev.wharf.serdes.connect.JsonSchemaConverter;
import dev.wharf.serdes.json.KafkaJsonSchemaDeserializer;
import dev.wharf.serdes.json.KafkaJsonSchemaSerializer;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaBroker.class)
class JsonSchemaConverterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static SchemaRegistry registry;

  @BeforeAll
  static void start(EmbeddedKafkaBroker broker) {
    registry = TestRegistries.start(broker);
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  private static Map<String, Object> config() {
    return Map.of("schema.registry.url", registry.url().toString());
  }

  @Test
  void structsRoundTripWithConfluentsJsonSchemaMapping() throws Exception {
    String topic = "jconv-" + RegistryForTests.unique();
    JsonSchemaConverter converter = new JsonSchemaConverter();
    converter.configure(config(), false);
    Struct order = AvroConverterTest.order();
    byte[] bytes = converter.fromConnectData(topic, AvroConverterTest.ORDER, order);
    assertThat(bytes[0]).isEqualTo((byte) 0);

    SchemaAndValue back = converter.toConnectData(topic, bytes);
    Struct read = (Struct) back.value();
    for (Field field : AvroConverterTest.ORDER.fields()) {
      if (field.name().equals("address")) {
        assertThat(((Struct) read.get("address")).getString("city")).isEqualTo("Oslo");
      } else {
        assertThat(read.get(field.name())).as(field.name()).isEqualTo(order.get(field));
      }
    }
    assertThat(back.schema().name()).isEqualTo("com.example.Order");
    assertThat(back.schema().field("qty").schema().type()).isEqualTo(Schema.Type.INT16);
    assertThat(back.schema().field("note").schema().isOptional()).isTrue();
    assertThat(back.schema().field("id").schema().isOptional()).isFalse();

    SchemaRegistryClient client =
        new SchemaRegistryClient(List.of(registry.url().toString()), null);
    RegisteredSchema registered = client.latest(topic + "-value");
    assertThat(registered.schemaType()).isEqualTo("JSON");
    JsonNode schema = MAPPER.readTree(registered.schema());
    assertThat(schema.get("title").asText()).isEqualTo("com.example.Order");
    JsonNode properties = schema.get("properties");
    assertThat(properties.get("qty").get("connect.type").asText()).isEqualTo("int16");
    assertThat(properties.get("qty").get("connect.index").asInt()).isEqualTo(1);
    assertThat(properties.get("note").get("oneOf").get(0).get("type").asText()).isEqualTo("null");
    assertThat(properties.get("blob").get("connect.type").asText()).isEqualTo("bytes");
    assertThat(properties.get("byId").get("connect.type").asText()).isEqualTo("map");

    // A plain JSON Schema deserializer reads the same bytes as a document.
    KafkaJsonSchemaDeserializer deserializer = new KafkaJsonSchemaDeserializer();
    deserializer.configure(
        Map.of(
            "schema.registry.url", registry.url().toString(), "json.fail.invalid.schema", "true"),
        false);
    JsonNode document = deserializer.deserialize(topic, bytes);
    assertThat(document.get("id").asLong()).isEqualTo(42L);
    assertThat(document.get("price").decimalValue()).isEqualByComparingTo("12.34");
    assertThat(document.get("blob").asText()).isEqualTo("AQID");
  }

  @Test
  void documentsFromThePlainSerializerBecomeStructs() throws Exception {
    String topic = "jplain-" + RegistryForTests.unique();
    JsonNode schema =
        MAPPER.readTree(
            "{\"type\":\"object\",\"title\":\"Item\",\"properties\":{\"sku\":{\"type\":\"string\"},"
                + "\"count\":{\"type\":\"integer\"}},\"required\":[\"sku\"]}");
    KafkaJsonSchemaSerializer serializer = new KafkaJsonSchemaSerializer();
    serializer.configure(config(), false);
    byte[] bytes =
        serializer.serialize(
            topic,
            KafkaJsonSchemaSerializer.envelope(
                schema, MAPPER.readTree("{\"sku\":\"A1\",\"count\":3}")));
    JsonSchemaConverter converter = new JsonSchemaConverter();
    converter.configure(config(), false);
    SchemaAndValue read = converter.toConnectData(topic, bytes);
    assertThat(read.schema().name()).isEqualTo("Item");
    assertThat(read.schema().field("count").schema().isOptional()).isTrue();
    assertThat(((Struct) read.value()).getString("sku")).isEqualTo("A1");
    assertThat(((Struct) read.value()).getInt64("count")).isEqualTo(3L);
  }
}
