package dev.wharf.serdes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import dev.wharf.registry.SchemaRegistry;
import dev.wharf.registry.testing.TestRegistries;
import dev.wharf.serdes.avro.KafkaAvroDeserializer;
import dev.wharf.serdes.avro.KafkaAvroSerializer;
import dev.wharf.serdes.connect.AvroConverter;
import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaBroker.class)
class AvroConverterTest {
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

  private static AvroConverter converter(boolean isKey) {
    AvroConverter converter = new AvroConverter();
    converter.configure(Map.of("schema.registry.url", registry.url().toString()), isKey);
    return converter;
  }

  static final Schema ADDRESS =
      SchemaBuilder.struct().field("city", Schema.STRING_SCHEMA).optional().build();

  static final Schema ORDER =
      SchemaBuilder.struct()
          .name("com.example.Order")
          .version(2)
          .doc("An order")
          .field("id", Schema.INT64_SCHEMA)
          .field("qty", Schema.INT16_SCHEMA)
          .field("flag", Schema.INT8_SCHEMA)
          .field("note", Schema.OPTIONAL_STRING_SCHEMA)
          .field("price", Decimal.schema(2))
          .field("day", org.apache.kafka.connect.data.Date.SCHEMA)
          .field("at", Time.SCHEMA)
          .field("ts", Timestamp.SCHEMA)
          .field("ratio", Schema.FLOAT64_SCHEMA)
          .field("small", Schema.FLOAT32_SCHEMA)
          .field("ok", Schema.BOOLEAN_SCHEMA)
          .field("blob", Schema.BYTES_SCHEMA)
          .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
          .field("counts", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build())
          .field("byId", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build())
          .field("address", ADDRESS)
          .build();

  static Struct order() {
    return new Struct(ORDER)
        .put("id", 42L)
        .put("qty", (short) 3)
        .put("flag", (byte) 1)
        .put("note", null)
        .put("price", new BigDecimal("12.34"))
        .put("day", new Date(86_400_000L * 19_000))
        .put("at", new Date(3_600_000L))
        .put("ts", new Date(1_700_000_000_123L))
        .put("ratio", 0.5)
        .put("small", 1.5f)
        .put("ok", true)
        .put("blob", new byte[] {1, 2, 3})
        .put("tags", List.of("a", "b"))
        .put("counts", Map.of("x", 1))
        .put("byId", Map.of(7, "seven"))
        .put("address", new Struct(ADDRESS).put("city", "Oslo"));
  }

  @Test
  void structsRoundTripWithConfluentsAvroMapping() throws Exception {
    String topic = "conv-" + RegistryForTests.unique();
    AvroConverter converter = converter(false);
    byte[] bytes = converter.fromConnectData(topic, ORDER, order());
    assertThat(bytes[0]).isEqualTo((byte) 0);

    SchemaAndValue back = converter.toConnectData(topic, bytes);
    Struct read = (Struct) back.value();
    Struct expected = order();
    for (org.apache.kafka.connect.data.Field field : ORDER.fields()) {
      if (field.name().equals("address")) {
        assertThat(((Struct) read.get("address")).getString("city")).isEqualTo("Oslo");
      } else {
        assertThat(read.get(field.name())).as(field.name()).isEqualTo(expected.get(field));
      }
    }
    assertThat(back.schema().name()).isEqualTo("com.example.Order");
    assertThat(back.schema().version()).isEqualTo(2);
    assertThat(back.schema().doc()).isEqualTo("An order");
    assertThat(back.schema().field("note").schema().isOptional()).isTrue();
    assertThat(back.schema().field("qty").schema().type()).isEqualTo(Schema.Type.INT16);
    assertThat(back.schema().field("price").schema().name()).isEqualTo(Decimal.LOGICAL_NAME);

    SchemaRegistryClient client =
        new SchemaRegistryClient(List.of(registry.url().toString()), null);
    JsonNode avro = MAPPER.readTree(client.latest(topic + "-value").schema());
    assertThat(avro.get("name").asText()).isEqualTo("Order");
    assertThat(avro.get("namespace").asText()).isEqualTo("com.example");
    assertThat(avro.get("connect.name").asText()).isEqualTo("com.example.Order");
    assertThat(avro.get("connect.version").asInt()).isEqualTo(2);
    assertThat(avro.get("connect.doc").asText()).isEqualTo("An order");
    JsonNode fields = avro.get("fields");
    assertThat(field(fields, "qty").get("type").toString())
        .isEqualTo("{\"type\":\"int\",\"connect.type\":\"int16\"}");
    assertThat(field(fields, "note").get("type").toString()).isEqualTo("[\"null\",\"string\"]");
    assertThat(field(fields, "note").get("default").isNull()).isTrue();
    JsonNode price = field(fields, "price").get("type");
    assertThat(price.get("type").asText()).isEqualTo("bytes");
    assertThat(price.get("logicalType").asText()).isEqualTo("decimal");
    assertThat(price.get("precision").asInt()).isEqualTo(64);
    assertThat(price.get("scale").asInt()).isEqualTo(2);
    assertThat(price.get("connect.parameters").get("scale").asText()).isEqualTo("2");
    assertThat(price.get("connect.name").asText()).isEqualTo(Decimal.LOGICAL_NAME);
    assertThat(field(fields, "day").get("type").get("logicalType").asText()).isEqualTo("date");
    assertThat(field(fields, "at").get("type").get("logicalType").asText())
        .isEqualTo("time-millis");
    assertThat(field(fields, "ts").get("type").get("logicalType").asText())
        .isEqualTo("timestamp-millis");
    assertThat(field(fields, "byId").get("type").get("items").get("name").asText())
        .isEqualTo("MapEntry");
    assertThat(field(fields, "byId").get("type").get("items").get("namespace").asText())
        .isEqualTo("io.confluent.connect.avro");
    assertThat(field(fields, "address").get("type").get(1).get("name").asText())
        .isEqualTo("ConnectDefault");
  }

  @Test
  void converterAndPlainSerdesReadEachOther() {
    String topic = "cross-" + RegistryForTests.unique();
    Map<String, Object> config = Map.of("schema.registry.url", registry.url().toString());
    KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
    deserializer.configure(config, false);
    Schema simple =
        SchemaBuilder.struct()
            .name("com.example.Simple")
            .field("name", Schema.STRING_SCHEMA)
            .field("n", Schema.OPTIONAL_INT32_SCHEMA)
            .build();
    byte[] fromConnect =
        converter(false)
            .fromConnectData(topic, simple, new Struct(simple).put("name", "a").put("n", 5));
    GenericRecord read = (GenericRecord) deserializer.deserialize(topic, fromConnect);
    assertThat(read.get("name").toString()).isEqualTo("a");
    assertThat(read.get("n")).isEqualTo(5);

    GenericRecord record = new GenericData.Record(read.getSchema());
    record.put("name", "b");
    record.put("n", null);
    KafkaAvroSerializer serializer = new KafkaAvroSerializer();
    serializer.configure(config, false);
    SchemaAndValue back =
        converter(false).toConnectData(topic, serializer.serialize(topic, record));
    assertThat(((Struct) back.value()).getString("name")).isEqualTo("b");
    assertThat(((Struct) back.value()).getInt32("n")).isNull();
  }

  @Test
  void primitivesAndNullsConvert() {
    String topic = "cprim-" + RegistryForTests.unique();
    AvroConverter keys = converter(true);
    SchemaAndValue key =
        keys.toConnectData(topic, keys.fromConnectData(topic, Schema.STRING_SCHEMA, "k1"));
    assertThat(key.value()).isEqualTo("k1");
    assertThat(key.schema().type()).isEqualTo(Schema.Type.STRING);
    assertThat(keys.fromConnectData(topic, Schema.OPTIONAL_STRING_SCHEMA, null)).isNull();
    assertThat(keys.fromConnectData(topic, null, null)).isNull();
    assertThat(keys.toConnectData(topic, null)).isEqualTo(SchemaAndValue.NULL);
  }

  private static JsonNode field(JsonNode fields, String name) {
    for (JsonNode field : fields) {
      if (field.get("name").asText().equals(name)) {
        return field;
      }
    }
    throw new AssertionError("no field " + name + " in " + fields);
  }
}
