package dev.wharf.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import dev.wharf.proxy.ProxyClient.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaBroker.class)
class ConsumerLifecycleTest {
  private static RestProxy proxy;
  private static ProxyClient client;

  private static EmbeddedKafkaBroker kafka;

  @BeforeAll
  static void start(EmbeddedKafkaBroker broker) {
    kafka = broker;
    proxy =
        ProxyFixture.start(
            broker,
            Map.of(
                "consumer.instance.timeout.ms", "400",
                "consumer.instances.max", "1",
                "host.name", "proxy.example"));
    client = new ProxyClient(proxy.url());
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  @Test
  void idleInstanceExpiresAndTheLimitFreesUp() {
    Reply created = client.post("/consumers/expiry", ProxyClient.V2, "{\"name\":\"sleepy\"}");
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.json().get("base_uri").asText())
        .isEqualTo(
            "http://proxy.example:" + proxy.url().getPort() + "/consumers/expiry/instances/sleepy");

    Reply second = client.post("/consumers/expiry", ProxyClient.V2, "{\"name\":\"another\"}");
    assertThat(second.status()).isEqualTo(429);
    assertThat(second.json().get("message").asText()).contains("consumer.instances.max");

    // Any request for the instance counts as use, so wait on the limit instead: once the idle
    // instance is reaped, there is room for a new one.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                client.post("/consumers/expiry", ProxyClient.V2, "{\"name\":\"fresh\"}").status()
                    == 200);
    assertThat(client.get("/consumers/expiry/instances/sleepy/subscription").errorCode())
        .isEqualTo(40403);
    assertThat(client.delete("/consumers/expiry/instances/fresh").status()).isEqualTo(204);
  }

  @Test
  void closingTheProxyClosesItsConsumersSoTheyLeaveTheirGroup() throws Exception {
    String topic = ProxyFixture.topic(kafka, "close", 1);
    RestProxy other = ProxyFixture.start(kafka, Map.of());
    ProxyClient otherClient = new ProxyClient(other.url());
    String group = "close-" + topic;
    String base =
        otherClient
            .post("/consumers/" + group, ProxyClient.V2, "{}")
            .json()
            .get("base_uri")
            .asText();
    otherClient.post(base + "/subscription", ProxyClient.V2, "{\"topics\":[\"" + topic + "\"]}");
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions() // the group does not exist until the consumer joins
          .until(
              () -> {
                otherClient.get(base + "/records?timeout=200", ProxyClient.BINARY);
                return members(admin, group) == 1;
              });
      other.close();
      assertThat(members(admin, group)).isZero();
    }
  }

  private static int members(Admin admin, String group) throws Exception {
    return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().size();
  }
}
