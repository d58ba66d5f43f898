package dev.wharf.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import dev.wharf.proxy.ProxyClient.Reply;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaBroker.class)
class MetadataTest {
  private static RestProxy proxy;
  private static ProxyClient client;
  private static String topic;

  @BeforeAll
  static void start(EmbeddedKafkaBroker broker) {
    proxy = ProxyFixture.start(broker, Map.of());
    client = new ProxyClient(proxy.url());
    topic = ProxyFixture.topic(broker, "metadata", 3);
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  @Test
  void rootAnswersEmptyObject() {
    Reply reply = client.get("/");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().isObject()).isTrue();
    assertThat(reply.json().isEmpty()).isTrue();
  }

  @Test
  void topicsListsTheTopic() {
    Reply reply = client.get("/topics", ProxyClient.V2);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith(ProxyClient.V2);
    assertThat(reply.json().findValuesAsText("")).isEmpty();
    assertThat(reply.text()).contains("\"" + topic + "\"");
  }

  @Test
  void topicHasNameConfigsAndPartitions() {
    JsonNode json = client.get("/topics/" + topic).json();
    assertThat(json.get("name").asText()).isEqualTo(topic);
    assertThat(json.get("configs").get("cleanup.policy").asText()).isEqualTo("delete");
    assertThat(json.get("partitions")).hasSize(3);
    JsonNode partition = json.get("partitions").get(0);
    assertThat(partition.get("partition").asInt()).isZero();
    assertThat(partition.get("replicas").get(0).get("leader").asBoolean()).isTrue();
    assertThat(partition.get("replicas").get(0).get("in_sync").asBoolean()).isTrue();
  }

  @Test
  void partitionsAndOffsets() {
    assertThat(client.get("/topics/" + topic + "/partitions").json()).hasSize(3);
    assertThat(client.get("/topics/" + topic + "/partitions/2").json().get("partition").asInt())
        .isEqualTo(2);
    JsonNode offsets = client.get("/topics/" + topic + "/partitions/1/offsets").json();
    assertThat(offsets.get("beginning_offset").asLong()).isZero();
    assertThat(offsets.get("end_offset").asLong()).isZero();
  }

  @Test
  void brokersListsTheBroker() {
    assertThat(client.get("/brokers").json().get("brokers")).hasSize(1);
  }

  @Test
  void unknownTopicIs40401() {
    Reply reply = client.get("/topics/no-such-topic-here", ProxyClient.V2);
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.errorCode()).isEqualTo(40401);
    assertThat(reply.json().get("message").asText()).contains("no-such-topic-here");
    assertThat(reply.contentType()).startsWith(ProxyClient.V2);
  }

  @Test
  void unknownPartitionIs40402() {
    assertThat(client.get("/topics/" + topic + "/partitions/7").errorCode()).isEqualTo(40402);
    assertThat(client.get("/topics/" + topic + "/partitions/x/offsets").errorCode())
        .isEqualTo(40402);
  }

  @Test
  void unacceptableAcceptIs406() {
    Reply reply = client.get("/topics", "text/html");
    assertThat(reply.status()).isEqualTo(406);
    assertThat(reply.errorCode()).isEqualTo(406);
  }

  @Test
  void unknownRouteIsJson404() {
    Reply reply = client.get("/nowhere/at/all");
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.errorCode()).isEqualTo(404);
  }
}
