package dev.wharf.serdes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import dev.wharf.registry.SchemaRegistry;
import dev.wharf.registry.testing.TestRegistries;
import dev.wharf.serdes.avro.AvroSerde;
import dev.wharf.serdes.avro.KafkaAvroDeserializer;
import dev.wharf.serdes.avro.KafkaAvroSerializer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaBroker.class)
class AvroSerdeTest {
  static final Schema USER =
      new Schema.Parser()
          .parse(
              "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"com.example\",\"fields\":["
                  + "{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"age\",\"type\":\"int\"}]}");

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

  private static GenericRecord user(String name, int age) {
    GenericRecord record = new GenericData.Record(USER);
    record.put("name", name);
    record.put("age", age);
    return record;
  }

  @Test
  void recordsRoundTripThroughKafkaInConfluentsWireFormat() throws Exception {
    String topic = "avro-" + RegistryForTests.unique();
    Map<String, Object> producerConfig = new HashMap<>(serdeConfig(Map.of()));
    producerConfig.put("bootstrap.servers", kafka.bootstrapServers());
    producerConfig.put("key.serializer", StringSerializer.class.getName());
    producerConfig.put("value.serializer", KafkaAvroSerializer.class.getName());
    try (KafkaProducer<String, Object> producer = new KafkaProducer<>(producerConfig)) {
      producer.send(new ProducerRecord<>(topic, "k", user("Ada", 36))).get();
    }
    SchemaRegistryClient client =
        new SchemaRegistryClient(List.of(registry.url().toString()), null);
    RegisteredSchema registered = client.latest(topic + "-value");
    assertThat(registered.schema()).isEqualTo(USER.toString());

    List<ConsumerRecord<byte[], byte[]>> records = RegistryForTests.readRaw(kafka, topic, 1);
    byte[] value = records.get(0).value();
    byte[] expectedPayload = avroBinary(user("Ada", 36));
    assertThat(value[0]).isEqualTo((byte) 0);
    assertThat(ByteBuffer.wrap(value, 1, 4).getInt()).isEqualTo(registered.id());
    assertThat(Arrays.copyOfRange(value, 5, value.length)).isEqualTo(expectedPayload);
    assertThat(value).hasSize(5 + expectedPayload.length);

    KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
    deserializer.configure(serdeConfig(Map.of()), false);
    GenericRecord read = (GenericRecord) deserializer.deserialize(topic, value);
    assertThat(read.get("name").toString()).isEqualTo("Ada");
    assertThat(read.get("age")).isEqualTo(36);
    assertThat(read.getSchema()).isEqualTo(USER);
  }

  @Test
  void primitivesAndNullsRoundTripAndNullRegistersNothing() {
    String topic = "prim-" + RegistryForTests.unique();
    KafkaAvroSerializer serializer = new KafkaAvroSerializer();
    serializer.configure(serdeConfig(Map.of()), true);
    KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
    deserializer.configure(serdeConfig(Map.of()), true);
    assertThat(serializer.serialize(topic, null)).isNull();
    byte[] text = serializer.serialize(topic, "hello");
    assertThat(deserializer.deserialize(topic, text)).isEqualTo("hello");
    assertThat(Arrays.copyOfRange(text, 5, text.length))
        .isEqualTo(new byte[] {10, 'h', 'e', 'l', 'l', 'o'});
    // Each primitive on its own topic: under BACKWARD a string subject refuses a long.
    assertThat(deserializer.deserialize(topic, serializer.serialize(topic + "l", 42L)))
        .isEqualTo(42L);
    assertThat(
            (byte[])
                deserializer.deserialize(
                    topic, serializer.serialize(topic + "b", new byte[] {1, 2})))
        .containsExactly(1, 2);
    SchemaRegistryClient client =
        new SchemaRegistryClient(List.of(registry.url().toString()), null);
    assertThat(client.latest(topic + "b-key").schema()).isEqualTo("\"bytes\"");
  }

  @Test
  void subjectNameStrategiesAndLookupWithoutAutoRegistration() {
    String topic = "strat-" + RegistryForTests.unique();
    SchemaRegistryClient client =
        new SchemaRegistryClient(List.of(registry.url().toString()), null);
    KafkaAvroSerializer byRecord = new KafkaAvroSerializer();
    byRecord.configure(
        serdeConfig(
            Map.of(
                "value.subject.name.strategy",
                "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy")),
        false);
    byte[] bytes = byRecord.serialize(topic, user("Bo", 1));
    RegisteredSchema registered = client.latest(topic + "-com.example.User");
    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registered.id());

    KafkaAvroSerializer lookupOnly = new KafkaAvroSerializer();
    lookupOnly.configure(serdeConfig(Map.of("auto.register.schemas", "false")), false);
    assertThatThrownBy(() -> lookupOnly.serialize(topic, user("Cy", 2)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(topic + "-value");
    client.register(topic + "-value", "AVRO", USER.toString(), false);
    assertThat(ByteBuffer.wrap(lookupOnly.serialize(topic, user("Cy", 2)), 1, 4).getInt())
        .isEqualTo(registered.id());

    KafkaAvroSerializer latest = new KafkaAvroSerializer();
    latest.configure(
        serdeConfig(Map.of("use.latest.version", "true", "auto.register.schemas", "false")), false);
    assertThat(ByteBuffer.wrap(latest.serialize(topic, user("Di", 3)), 1, 4).getInt())
        .isEqualTo(registered.id());
  }

  @Test
  void writesWithAGivenSchemaIdAsTheRestProxyDoes() {
    SchemaRegistryClient client =
        new SchemaRegistryClient(List.of(registry.url().toString()), null);
    String subject = "byid-" + RegistryForTests.unique() + "-value";
    int id = client.register(subject, "AVRO", USER.toString(), false);
    AvroSerde serde = new AvroSerde(client, SerdeConfig.parse(serdeConfig(Map.of())));
    byte[] bytes = serde.serialize(id, user("Eve", 5));
    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
    GenericRecord read = (GenericRecord) serde.deserialize("t", bytes).value();
    assertThat(read.get("name").toString()).isEqualTo("Eve");
  }

  @Test
  void foreignBytesAreRefusedNamingTheTopic() {
    KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
    deserializer.configure(serdeConfig(Map.of()), false);
    assertThatThrownBy(() -> deserializer.deserialize("t1", new byte[] {1, 0, 0, 0, 1, 2}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("magic byte");
    assertThatThrownBy(() -> deserializer.deserialize("t1", new byte[] {0, 0, 0x7f, 0, 0, 2}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("schema id");
  }

  private static byte[] avroBinary(GenericRecord record) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
