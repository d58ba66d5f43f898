package dev.wharf.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import dev.wharf.registry.testing.TestRegistries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@code _schemas} topic: Confluent's records read and written, ids kept across restarts. */
@ExtendWith(SharedKafkaBroker.class)
class SchemaTopicFormatTest {

  @Test
  void idsVersionsAndConfigSurviveARestartAndAreSeenByASecondInstance(EmbeddedKafkaBroker broker) {
    String topic = TestRegistries.uniqueTopic();
    int userId;
    int stringId;
    try (SchemaRegistry first = TestRegistries.start(broker, topic)) {
      RegistryClient client = new RegistryClient(first.url());
      client.put("/config", "{\"compatibility\":\"NONE\"}");
      stringId = client.register("a-value", "\"string\"");
      userId = client.register("a-value", RegistrationTest.USER_V1);
      client.register("b-value", RegistrationTest.USER_V1);
      client.put("/config/b-value", "{\"compatibility\":\"FULL\"}");
      client.delete("/subjects/a-value/versions/1");

      try (SchemaRegistry second = TestRegistries.start(broker, topic)) {
        RegistryClient other = new RegistryClient(second.url());
        assertThat(other.get("/subjects/b-value/versions/1").json().get("id").asInt())
            .isEqualTo(userId);
        // A write through the first instance reaches the second one's indexes.
        int longId = client.register("c-value", "\"long\"");
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> other.get("/schemas/ids/" + longId).status() == 200);
      }
    }
    try (SchemaRegistry restarted = TestRegistries.start(broker, topic)) {
      RegistryClient client = new RegistryClient(restarted.url());
      assertThat(client.get("/subjects/a-value/versions?deleted=true").text()).isEqualTo("[1,2]");
      assertThat(client.get("/subjects/a-value/versions").text()).isEqualTo("[2]");
      assertThat(client.get("/subjects/a-value/versions/2").json().get("id").asInt())
          .isEqualTo(userId);
      assertThat(client.get("/schemas/ids/" + stringId).json().get("schema").asText())
          .isEqualTo("\"string\"");
      assertThat(client.get("/config/b-value").text())
          .isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
      assertThat(client.get("/config").text()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
      // The same schema keeps its id; a new one gets the next id after the largest.
      assertThat(client.register("d-value", RegistrationTest.USER_V1)).isEqualTo(userId);
      assertThat(client.register("d-value", "\"bytes\"")).isEqualTo(userId + 2);
    }
  }

  @Test
  void readsATopicWrittenInConfluentsFormat(EmbeddedKafkaBroker broker) throws Exception {
    String topic = TestRegistries.uniqueTopic();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", broker.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      send(producer, topic, "{\"keytype\":\"NOOP\",\"magic\":0}", null);
      send(
          producer,
          topic,
          "{\"keytype\":\"SCHEMA\",\"subject\":\"t-value\",\"version\":1,\"magic\":1}",
          "{\"deleted\": false, \"id\": 7, \"schema\": \"\\\"string\\\"\", \"subject\": \"t-value\","
              + " \"version\": 1}");
      send(
          producer,
          topic,
          "{\"keytype\":\"SCHEMA\",\"subject\":\"t-value\",\"version\":2,\"magic\":1}",
          "{\"subject\":\"t-value\",\"version\":2,\"id\":9,\"schemaType\":\"JSON\","
              + "\"schema\":\"{\\\"type\\\":\\\"string\\\"}\",\"deleted\":false,"
              + "\"md5\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}");
      send(
          producer,
          topic,
          "{\"keytype\":\"CONFIG\",\"subject\":\"t-value\",\"magic\":0}",
          "{\"compatibilityLevel\":\"FORWARD\"}");
      send(
          producer,
          topic,
          "{\"keytype\":\"CONFIG\",\"magic\":0}",
          "{\"compatibilityLevel\":\"FULL\"}");
      send(
          producer,
          topic,
          "{\"keytype\":\"SCHEMA\",\"subject\":\"gone-value\",\"version\":1,\"magic\":1}",
          "{\"deleted\":false,\"id\":8,\"schema\":\"\\\"int\\\"\",\"subject\":\"gone-value\",\"version\":1}");
      send(
          producer,
          topic,
          "{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"gone-value\",\"magic\":0}",
          "{\"subject\":\"gone-value\",\"version\":1}");
      producer.flush();
    }
    try (SchemaRegistry registry = TestRegistries.start(broker, topic)) {
      RegistryClient client = new RegistryClient(registry.url());
      assertThat(client.get("/schemas/ids/7").text()).isEqualTo("{\"schema\":\"\\\"string\\\"\"}");
      assertThat(client.get("/schemas/ids/9").text())
          .isEqualTo("{\"schema\":\"{\\\"type\\\":\\\"string\\\"}\",\"schemaType\":\"JSON\"}");
      assertThat(client.get("/subjects").text()).isEqualTo("[\"t-value\"]");
      assertThat(client.get("/subjects?deleted=true").text())
          .isEqualTo("[\"gone-value\",\"t-value\"]");
      assertThat(client.get("/config/t-value").text())
          .isEqualTo("{\"compatibilityLevel\":\"FORWARD\"}");
      assertThat(client.get("/config").text()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
      // New ids continue after the largest id in the topic.
      assertThat(client.register("n-value", "\"double\"")).isEqualTo(10);
    }
  }

  @Test
  void writesConfluentsKeysAndValues(EmbeddedKafkaBroker broker) {
    String topic = TestRegistries.uniqueTopic();
    String subject = "w-" + UUID.randomUUID().toString().substring(0, 8);
    try (SchemaRegistry registry = TestRegistries.start(broker, topic)) {
      RegistryClient client = new RegistryClient(registry.url());
      client.register(subject, "\"string\"");
      client.put("/config/" + subject, "{\"compatibility\":\"NONE\"}");
      client.put("/mode/" + subject, "{\"mode\":\"READONLY\"}");
      client.delete("/mode/" + subject);
      client.delete("/subjects/" + subject);
    }
    List<ConsumerRecord<String, String>> records = readAll(broker, topic);
    List<String> lines = new ArrayList<>();
    for (ConsumerRecord<String, String> record : records) {
      lines.add(record.key() + " -> " + record.value());
    }
    assertThat(lines)
        .containsExactly(
            "{\"keytype\":\"SCHEMA\",\"subject\":\""
                + subject
                + "\",\"version\":1,\"magic\":1} -> {\"subject\":\""
                + subject
                + "\",\"version\":1,\"id\":1,\"schema\":\"\\\"string\\\"\",\"deleted\":false}",
            "{\"keytype\":\"CONFIG\",\"subject\":\""
                + subject
                + "\",\"magic\":0} -> {\"compatibilityLevel\":\"NONE\"}",
            "{\"keytype\":\"MODE\",\"subject\":\""
                + subject
                + "\",\"magic\":0} -> {\"mode\":\"READONLY\"}",
            "{\"keytype\":\"MODE\",\"subject\":\"" + subject + "\",\"magic\":0} -> null",
            "{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\""
                + subject
                + "\",\"magic\":0} -> {\"subject\":\""
                + subject
                + "\",\"version\":1}",
            "{\"keytype\":\"CONFIG\",\"subject\":\"" + subject + "\",\"magic\":0} -> null");
  }

  private static void send(
      KafkaProducer<String, String> producer, String topic, String key, String value) {
    producer.send(new ProducerRecord<>(topic, 0, key, value));
  }

  private static List<ConsumerRecord<String, String>> readAll(
      EmbeddedKafkaBroker broker, String topic) {
    TopicPartition partition = new TopicPartition(topic, 0);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of("bootstrap.servers", broker.bootstrapServers()),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      while (consumer.position(partition) < end) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }
}
