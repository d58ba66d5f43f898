package dev.wharf.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import dev.wharf.registry.RegistryClient.Reply;
import dev.wharf.registry.testing.TestRegistries;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Several instances on one topic: one leader writes, the others forward, a new leader takes over.
 */
@ExtendWith(SharedKafkaBroker.class)
class LeaderElectionTest {

  @Test
  void followersForwardWritesAndAnotherInstanceLeadsWhenTheLeaderStops(EmbeddedKafkaBroker broker) {
    String topic = TestRegistries.uniqueTopic();
    SchemaRegistry one = TestRegistries.start(broker, topic);
    SchemaRegistry two = TestRegistries.start(broker, topic);
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> one.leader().isPresent() && one.leader().equals(two.leader()));
      URI expected =
          one.url().toString().compareTo(two.url().toString()) < 0 ? one.url() : two.url();
      assertThat(one.leader()).contains(expected);
      SchemaRegistry leader = expected.equals(one.url()) ? one : two;
      SchemaRegistry follower = leader == one ? two : one;

      RegistryClient viaFollower = new RegistryClient(follower.url());
      RegistryClient viaLeader = new RegistryClient(leader.url());
      int id = viaFollower.register("f-value", RegistrationTest.USER_V1);
      assertThat(viaLeader.get("/subjects/f-value/versions/1").json().get("id").asInt())
          .isEqualTo(id);
      assertThat(viaFollower.register("g-value", RegistrationTest.USER_V1)).isEqualTo(id);
      Reply config = viaFollower.put("/config/f-value", "{\"compatibility\":\"NONE\"}");
      assertThat(config.text()).isEqualTo("{\"compatibility\":\"NONE\"}");
      Reply refused =
          viaFollower.post("/subjects/f-value/versions", "{\"schema\":\"{\\\"type\\\":5}\"}");
      assertThat(refused.status()).isEqualTo(422);
      assertThat(refused.errorCode()).isEqualTo(42201);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> viaFollower.get("/config/f-value").status() == 200);

      leader.close();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> follower.leader().equals(Optional.of(follower.url())));
      int next = viaFollower.register("f-value", "\"string\"");
      assertThat(next).isEqualTo(id + 1);
      assertThat(viaFollower.get("/subjects/f-value/versions").text()).isEqualTo("[1,2]");
    } finally {
      one.close();
      two.close();
    }
  }

  @Test
  void withoutAnEligibleInstanceWritesAnswer50004AndReadsStillWork(EmbeddedKafkaBroker broker) {
    String topic = TestRegistries.uniqueTopic();
    try (SchemaRegistry ineligible =
        TestRegistries.start(broker, topic, Map.of("leader.eligibility", "false"))) {
      RegistryClient client = new RegistryClient(ineligible.url());
      Reply write = client.post("/subjects/x-value/versions", "{\"schema\":\"\\\"string\\\"\"}");
      assertThat(write.status()).isEqualTo(500);
      assertThat(write.errorCode()).isEqualTo(50004);
      assertThat(client.get("/subjects").text()).isEqualTo("[]");
    }
  }
}
