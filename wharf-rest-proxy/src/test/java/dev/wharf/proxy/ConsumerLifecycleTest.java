package dev.wharf.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import dev.wharf.proxy.ProxyClient.Reply;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaBroker.class)
class ConsumerLifecycleTest {
  private static RestProxy proxy;
  private static ProxyClient client;

  @BeforeAll
  static void start(EmbeddedKafkaBroker broker) {
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
}
