package dev.wharf.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import dev.wharf.proxy.ProxyClient.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaBroker.class)
class ProduceTest {
  private static RestProxy proxy;
  private static ProxyClient client;
  private static String topic;

  @BeforeAll
  static void start(EmbeddedKafkaBroker broker) {
    // A small producer request limit and body limit make the size errors cheap to reach.
    proxy =
        ProxyFixture.start(
            broker, Map.of("producer.max.request.size", "2000", "request.max.bytes", "20000"));
    client = new ProxyClient(proxy.url());
    topic = ProxyFixture.topic(broker, "produce", 3);
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void binaryRecordsGetOffsetsInRequestOrder() {
    Reply reply =
        client.post(
            "/topics/" + topic,
            ProxyClient.BINARY,
            "{\"records\":[{\"key\":\""
                + b64("k")
                + "\",\"value\":\""
                + b64("one")
                + "\"},{\"value\":\""
                + b64("two")
                + "\",\"partition\":2},{\"value\":null,\"partition\":2}]}");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith(ProxyClient.JSON);
    JsonNode offsets = reply.json().get("offsets");
    assertThat(offsets).hasSize(3);
    assertThat(offsets.get(1).get("partition").asInt()).isEqualTo(2);
    assertThat(offsets.get(2).get("partition").asInt()).isEqualTo(2);
    assertThat(offsets.get(2).get("offset").asLong())
        .isEqualTo(offsets.get(1).get("offset").asLong() + 1);
    assertThat(offsets.get(0).get("error_code").isNull()).isTrue();
    assertThat(reply.json().has("value_schema_id")).isTrue();
  }

  @Test
  void jsonRecordsToAnExplicitPartition() {
    Reply reply =
        client.send(
            "POST",
            "/topics/" + topic + "/partitions/1",
            ProxyClient.JSON_V2,
            "{\"records\":[{\"key\":\"a\",\"value\":{\"n\":1}},{\"value\":[1,2,3]}]}",
            ProxyClient.V2);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith(ProxyClient.V2);
    for (JsonNode offset : reply.json().get("offsets")) {
      assertThat(offset.get("partition").asInt()).isEqualTo(1);
    }
  }

  @Test
  void recordKafkaRejectsHasItsErrorInsideA200() {
    String big = b64("x".repeat(3000));
    Reply reply =
        client.post(
            "/topics/" + topic,
            ProxyClient.BINARY,
            "{\"records\":[{\"value\":\"" + b64("ok") + "\"},{\"value\":\"" + big + "\"}]}");
    assertThat(reply.status()).isEqualTo(200);
    JsonNode offsets = reply.json().get("offsets");
    assertThat(offsets.get(0).get("offset").isNumber()).isTrue();
    JsonNode failed = offsets.get(1);
    assertThat(failed.get("partition").isNull()).isTrue();
    assertThat(failed.get("offset").isNull()).isTrue();
    assertThat(failed.get("error_code").asInt()).isEqualTo(50002);
    assertThat(failed.get("error").asText()).isNotEmpty();
  }

  @Test
  void malformedJsonIs400() {
    Reply reply = client.post("/topics/" + topic, ProxyClient.BINARY, "{\"records\":[");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo(400);
  }

  @Test
  void invalidBase64Is400() {
    Reply reply =
        client.post("/topics/" + topic, ProxyClient.BINARY, "{\"records\":[{\"value\":\"!!\"}]}");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("message").asText()).contains("records[0].value");
  }

  @Test
  void emptyRecordsIs422() {
    Reply reply = client.post("/topics/" + topic, ProxyClient.JSON_V2, "{\"records\":[]}");
    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.errorCode()).isEqualTo(422);
  }

  @Test
  void emptyBodyIs42206() {
    Reply reply = client.post("/topics/" + topic, ProxyClient.JSON_V2, "");
    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.errorCode()).isEqualTo(42206);
  }

  @Test
  void unknownTopicIs40401() {
    Reply reply =
        client.post(
            "/topics/never-created-x", ProxyClient.JSON_V2, "{\"records\":[{\"value\":1}]}");
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.errorCode()).isEqualTo(40401);
  }

  @Test
  void unknownPartitionIs40402() {
    Reply inPath =
        client.post(
            "/topics/" + topic + "/partitions/9",
            ProxyClient.JSON_V2,
            "{\"records\":[{\"value\":1}]}");
    assertThat(inPath.errorCode()).isEqualTo(40402);
    Reply inRecord =
        client.post(
            "/topics/" + topic,
            ProxyClient.JSON_V2,
            "{\"records\":[{\"value\":1,\"partition\":5}]}");
    assertThat(inRecord.status()).isEqualTo(404);
    assertThat(inRecord.errorCode()).isEqualTo(40402);
  }

  @Test
  void wrongContentTypeIs415() {
    Reply reply = client.post("/topics/" + topic, "text/plain", "{\"records\":[{\"value\":1}]}");
    assertThat(reply.status()).isEqualTo(415);
    assertThat(reply.errorCode()).isEqualTo(415);
  }

  @Test
  void schemaFormatWithoutRegistryIsRefused() {
    Reply reply =
        client.post(
            "/topics/" + topic,
            "application/vnd.kafka.avro.v2+json",
            "{\"value_schema\":\"{\\\"type\\\":\\\"int\\\"}\",\"records\":[{\"value\":1}]}");
    assertThat(reply.status()).isEqualTo(415);
    assertThat(reply.json().get("message").asText()).contains("avro", "schema.registry.url");
  }

  @Test
  void unacceptableAcceptIs406() {
    Reply reply =
        client.send(
            "POST",
            "/topics/" + topic,
            ProxyClient.JSON_V2,
            "{\"records\":[{\"value\":1}]}",
            "text/html");
    assertThat(reply.status()).isEqualTo(406);
  }

  @Test
  void oversizedBodyIs413AndTheProxyKeepsServing() {
    String value = "x".repeat(30_000);
    Reply reply =
        client.post(
            "/topics/" + topic,
            ProxyClient.JSON_V2,
            "{\"records\":[{\"value\":\"" + value + "\"}]}");
    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.errorCode()).isEqualTo(413);
    assertThat(client.get("/topics").status()).isEqualTo(200);
  }
}
