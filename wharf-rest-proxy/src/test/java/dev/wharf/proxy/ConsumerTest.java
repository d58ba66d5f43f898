package dev.wharf.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import dev.wharf.proxy.ProxyClient.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaBroker.class)
class ConsumerTest {
  private static RestProxy proxy;
  private static ProxyClient client;
  private static EmbeddedKafkaBroker kafka;

  @BeforeAll
  static void start(EmbeddedKafkaBroker broker) {
    kafka = broker;
    // Pattern subscriptions notice new topics when the consumer refreshes its metadata.
    proxy = ProxyFixture.start(broker, Map.of("consumer.metadata.max.age.ms", "300"));
    client = new ProxyClient(proxy.url());
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String create(String group, String body) {
    Reply reply = client.post("/consumers/" + group, ProxyClient.V2, body);
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    return reply.json().get("base_uri").asText();
  }

  private static void produceJson(String topic, String records) {
    Reply reply =
        client.post("/topics/" + topic, ProxyClient.JSON_V2, "{\"records\":[" + records + "]}");
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
  }

  /** Polls {@code base}'s records until {@code count} have arrived. */
  private static List<JsonNode> read(String base, String accept, int count) {
    List<JsonNode> records = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(10))
        .until(
            () -> {
              Reply reply = client.get(base + "/records?timeout=500", accept);
              assertThat(reply.status()).as(reply.text()).isEqualTo(200);
              reply.json().forEach(records::add);
              return records.size() >= count;
            });
    return records;
  }

  @Test
  void tutorialFlowCreateSubscribeReadDelete() {
    String topic = ProxyFixture.topic(kafka, "tutorial", 1);
    Reply produced =
        client.post(
            "/topics/" + topic,
            ProxyClient.BINARY,
            "{\"records\":[{\"key\":\""
                + b64("k1")
                + "\",\"value\":\""
                + b64("hello")
                + "\"},{\"value\":\""
                + b64("world")
                + "\"}]}");
    assertThat(produced.status()).isEqualTo(200);

    String group = unique("tutorial-group");
    Reply created =
        client.post(
            "/consumers/" + group,
            ProxyClient.V2,
            "{\"name\":\"my_instance\",\"format\":\"binary\",\"auto.offset.reset\":\"earliest\"}");
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.json().get("instance_id").asText()).isEqualTo("my_instance");
    String base = created.json().get("base_uri").asText();
    assertThat(base).isEqualTo(proxy.url() + "/consumers/" + group + "/instances/my_instance");

    Reply subscribed =
        client.post(base + "/subscription", ProxyClient.V2, "{\"topics\":[\"" + topic + "\"]}");
    assertThat(subscribed.status()).isEqualTo(204);
    assertThat(client.get(base + "/subscription").json().get("topics").get(0).asText())
        .isEqualTo(topic);

    List<JsonNode> records = read(base, ProxyClient.BINARY, 2);
    assertThat(records.get(0).get("key").asText()).isEqualTo(b64("k1"));
    assertThat(records.get(0).get("value").asText()).isEqualTo(b64("hello"));
    assertThat(records.get(1).get("key").isNull()).isTrue();
    assertThat(records.get(1).get("topic").asText()).isEqualTo(topic);
    assertThat(records.get(1).get("offset").asLong()).isEqualTo(1);

    assertThat(client.delete(base + "/subscription").status()).isEqualTo(204);
    assertThat(client.get(base + "/subscription").json().get("topics")).isEmpty();
    assertThat(client.delete(base).status()).isEqualTo(204);
    Reply gone = client.get(base + "/records", ProxyClient.BINARY);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.errorCode()).isEqualTo(40403);
  }

  @Test
  void committedOffsetsSurviveANewInstanceInTheSameGroup() {
    String topic = ProxyFixture.topic(kafka, "resume", 1);
    produceJson(topic, "{\"value\":{\"n\":0}},{\"value\":{\"n\":1}},{\"value\":{\"n\":2}}");
    String group = unique("resume-group");
    String settings =
        "{\"format\":\"json\",\"auto.offset.reset\":\"earliest\",\"auto.commit.enable\":\"false\"}";
    String first = create(group, settings);
    client.post(first + "/subscription", ProxyClient.V2, "{\"topics\":[\"" + topic + "\"]}");
    List<JsonNode> records = read(first, ProxyClient.JSON_V2, 3);
    assertThat(records.get(0).get("value").get("n").asInt()).isZero();

    // Confluent's clients commit the last offset they consumed; the next read starts after it.
    Reply commit =
        client.post(
            first + "/offsets",
            ProxyClient.V2,
            "{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":1}]}");
    assertThat(commit.status()).isEqualTo(200);
    Reply committed =
        client.send(
            "GET",
            first + "/offsets",
            ProxyClient.V2,
            "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0}]}",
            null);
    assertThat(committed.json().get("offsets").get(0).get("offset").asLong()).isEqualTo(2);
    assertThat(client.delete(first).status()).isEqualTo(204);

    String second = create(group, settings);
    client.post(second + "/subscription", ProxyClient.V2, "{\"topics\":[\"" + topic + "\"]}");
    List<JsonNode> resumed = read(second, ProxyClient.JSON_V2, 1);
    assertThat(resumed.get(0).get("offset").asLong()).isEqualTo(2);
    assertThat(resumed.get(0).get("value").get("n").asInt()).isEqualTo(2);
    client.delete(second);
  }

  @Test
  void emptyCommitStoresThePositionAfterEverythingReturned() {
    String topic = ProxyFixture.topic(kafka, "commit-all", 1);
    produceJson(topic, "{\"value\":1},{\"value\":2}");
    String base =
        create(unique("commit-all"), "{\"format\":\"json\",\"auto.offset.reset\":\"earliest\"}");
    client.post(base + "/assignments", ProxyClient.V2, partitions(topic, 0));
    read(base, ProxyClient.JSON_V2, 2);
    assertThat(client.post(base + "/offsets", null, null).status()).isEqualTo(200);
    Reply committed =
        client.send("GET", base + "/offsets", ProxyClient.V2, partitions(topic, 0), null);
    assertThat(committed.json().get("offsets").get(0).get("offset").asLong()).isEqualTo(2);
    client.delete(base);
  }

  private static String partitions(String topic, int partition) {
    return "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":" + partition + "}]}";
  }

  @Test
  void acceptNotMatchingTheFormatIs40601() {
    String base = create(unique("mismatch"), "{\"format\":\"json\"}");
    Reply binary = client.get(base + "/records", ProxyClient.BINARY);
    assertThat(binary.status()).isEqualTo(406);
    assertThat(binary.errorCode()).isEqualTo(40601);
    assertThat(binary.contentType()).startsWith(ProxyClient.V2);
    // The plain v2 type means binary, as with Confluent.
    assertThat(client.get(base + "/records", ProxyClient.V2).errorCode()).isEqualTo(40601);
    assertThat(client.get(base + "/records", "text/html").status()).isEqualTo(406);
    client.delete(base);
  }

  @Test
  void creationErrors() {
    String group = unique("errors");
    create(group, "{\"name\":\"dup\"}");
    Reply duplicate = client.post("/consumers/" + group, ProxyClient.V2, "{\"name\":\"dup\"}");
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.errorCode()).isEqualTo(40902);

    Reply badFormat = client.post("/consumers/" + group, ProxyClient.V2, "{\"format\":\"xml\"}");
    assertThat(badFormat.status()).isEqualTo(422);
    assertThat(badFormat.errorCode()).isEqualTo(422);

    Reply avro = client.post("/consumers/" + group, ProxyClient.V2, "{\"format\":\"avro\"}");
    assertThat(avro.status()).isEqualTo(422);
    assertThat(avro.json().get("message").asText()).contains("avro");

    Reply minBytes =
        client.post("/consumers/" + group, ProxyClient.V2, "{\"fetch.min.bytes\":\"-5\"}");
    assertThat(minBytes.errorCode()).isEqualTo(40001);

    Reply reset =
        client.post("/consumers/" + group, ProxyClient.V2, "{\"auto.offset.reset\":\"sideways\"}");
    assertThat(reset.status()).isEqualTo(422);
    assertThat(reset.errorCode()).isEqualTo(42204);

    Reply malformed = client.post("/consumers/" + group, ProxyClient.V2, "{\"name\":");
    assertThat(malformed.status()).isEqualTo(400);

    Reply wrongType = client.post("/consumers/" + group, "text/plain", "{}");
    assertThat(wrongType.status()).isEqualTo(415);

    client.delete("/consumers/" + group + "/instances/dup");
  }

  @Test
  void unknownInstanceIs40403Everywhere() {
    String base = "/consumers/nobody/instances/ghost";
    assertThat(client.get(base + "/subscription").errorCode()).isEqualTo(40403);
    assertThat(client.delete(base).errorCode()).isEqualTo(40403);
    assertThat(client.post(base + "/offsets", null, null).errorCode()).isEqualTo(40403);
    Reply records = client.get(base + "/records", ProxyClient.BINARY);
    assertThat(records.status()).isEqualTo(404);
    assertThat(records.json().get("message").asText()).contains("ghost", "nobody");
  }

  @Test
  void subscribeAfterAssignIs40903() {
    String topic = ProxyFixture.topic(kafka, "conflict", 1);
    String base = create(unique("conflict"), "{}");
    client.post(base + "/assignments", ProxyClient.V2, partitions(topic, 0));
    Reply reply =
        client.post(base + "/subscription", ProxyClient.V2, "{\"topics\":[\"" + topic + "\"]}");
    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.errorCode()).isEqualTo(40903);
    assertThat(client.get(base + "/assignments").json().get("partitions")).hasSize(1);
    client.delete(base);
  }

  @Test
  void twoInstancesInOneGroupSplitThePartitions() {
    String topic = ProxyFixture.topic(kafka, "split", 2);
    String group = unique("split");
    String a = create(group, "{\"name\":\"a\"}");
    String b = create(group, "{\"name\":\"b\"}");
    String subscription = "{\"topics\":[\"" + topic + "\"]}";
    client.post(a + "/subscription", ProxyClient.V2, subscription);
    client.post(b + "/subscription", ProxyClient.V2, subscription);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              // Reads drive the group protocol; each instance must poll to join and rebalance.
              client.get(a + "/records?timeout=200", ProxyClient.BINARY);
              client.get(b + "/records?timeout=200", ProxyClient.BINARY);
              return client.get(a + "/assignments").json().get("partitions").size() == 1
                  && client.get(b + "/assignments").json().get("partitions").size() == 1;
            });
    client.delete(a);
    client.delete(b);
  }

  @Test
  void topicPatternPicksUpANewTopic() {
    String prefix = unique("pattern");
    String base = create(unique("pattern-group"), "{\"auto.offset.reset\":\"earliest\"}");
    Reply reply =
        client.post(
            base + "/subscription", ProxyClient.V2, "{\"topic_pattern\":\"" + prefix + "-.*\"}");
    assertThat(reply.status()).isEqualTo(204);
    client.get(base + "/records?timeout=200", ProxyClient.BINARY);
    String topic = ProxyFixture.topic(kafka, prefix, 1);
    client.post("/topics/" + topic, ProxyClient.BINARY, "{\"records\":[{\"value\":\"AQI=\"}]}");
    List<JsonNode> records = read(base, ProxyClient.BINARY, 1);
    assertThat(records.get(0).get("topic").asText()).isEqualTo(topic);
    assertThat(records.get(0).get("value").asText()).isEqualTo("AQI=");
    client.delete(base);
  }

  @Test
  void seekByOffsetTimestampBeginningAndEnd() {
    String topic = ProxyFixture.topic(kafka, "seek", 1);
    Instant before = Instant.now().minusSeconds(60);
    produceJson(topic, "{\"value\":0},{\"value\":1},{\"value\":2},{\"value\":3},{\"value\":4}");
    String base = create(unique("seek"), "{\"format\":\"json\"}");
    client.post(base + "/assignments", ProxyClient.V2, partitions(topic, 0));

    Reply seek =
        client.post(
            base + "/positions",
            ProxyClient.V2,
            "{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":3}]}");
    assertThat(seek.status()).isEqualTo(204);
    assertThat(read(base, ProxyClient.JSON_V2, 2).get(0).get("offset").asLong()).isEqualTo(3);

    Reply byTime =
        client.post(
            base + "/positions",
            ProxyClient.V2,
            "{\"timestamps\":[{\"topic\":\""
                + topic
                + "\",\"partition\":0,\"timestamp\":\""
                + before
                + "\"}]}");
    assertThat(byTime.status()).isEqualTo(204);
    assertThat(read(base, ProxyClient.JSON_V2, 1).get(0).get("offset").asLong()).isZero();

    client.post(base + "/positions/end", ProxyClient.V2, partitions(topic, 0));
    assertThat(client.get(base + "/records?timeout=100", ProxyClient.JSON_V2).json()).isEmpty();
    client.post(base + "/positions/beginning", ProxyClient.V2, partitions(topic, 0));
    assertThat(read(base, ProxyClient.JSON_V2, 1).get(0).get("offset").asLong()).isZero();

    Reply unassigned =
        client.post(base + "/positions/beginning", ProxyClient.V2, partitions(topic + "-x", 0));
    assertThat(unassigned.errorCode()).isEqualTo(40903);
    client.delete(base);
  }

  @Test
  void maxBytesStopsBeforeTheOverflowingRecordButNeverWedges() {
    String topic = ProxyFixture.topic(kafka, "maxbytes", 1);
    String value = "v".repeat(100);
    produceJson(topic, "{\"value\":\"" + value + "\"},{\"value\":\"" + value + "\"}");
    String base =
        create(unique("maxbytes"), "{\"format\":\"json\",\"auto.offset.reset\":\"earliest\"}");
    client.post(base + "/assignments", ProxyClient.V2, partitions(topic, 0));
    List<JsonNode> first = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              client
                  .get(base + "/records?timeout=500&max_bytes=150", ProxyClient.JSON_V2)
                  .json()
                  .forEach(first::add);
              return !first.isEmpty();
            });
    // Each record is over half the limit: one per response, the first larger than it still comes.
    assertThat(first).hasSize(1);
    assertThat(first.get(0).get("offset").asLong()).isZero();
    Reply tiny = client.get(base + "/records?timeout=2000&max_bytes=10", ProxyClient.JSON_V2);
    assertThat(tiny.json()).hasSize(1);
    assertThat(tiny.json().get(0).get("offset").asLong()).isEqualTo(1);
    client.delete(base);
  }

  @Test
  void bytesThatAreNotJsonAre40801ForAJsonConsumerWhichThenMovesOn() {
    String topic = ProxyFixture.topic(kafka, "notjson", 1);
    client.post(
        "/topics/" + topic,
        ProxyClient.BINARY,
        "{\"records\":[{\"value\":\"" + b64("{oops") + "\"},{\"value\":\"" + b64("42") + "\"}]}");
    String base =
        create(unique("notjson"), "{\"format\":\"json\",\"auto.offset.reset\":\"earliest\"}");
    client.post(base + "/assignments", ProxyClient.V2, partitions(topic, 0));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              Reply reply = client.get(base + "/records?timeout=500", ProxyClient.JSON_V2);
              if (reply.status() == 408) {
                assertThat(reply.errorCode()).isEqualTo(40801);
                assertThat(reply.json().get("message").asText()).contains(topic, "offset 0");
                return true;
              }
              return false;
            });
    List<JsonNode> next = read(base, ProxyClient.JSON_V2, 1);
    assertThat(next.get(0).get("offset").asLong()).isEqualTo(1);
    assertThat(next.get(0).get("value").asInt()).isEqualTo(42);
    client.delete(base);
  }

  @Test
  void committedOffsetsWithoutABodyIs400() {
    String base = create(unique("nobody"), "{}");
    assertThat(client.get(base + "/offsets").status()).isEqualTo(400);
    client.delete(base);
  }
}
