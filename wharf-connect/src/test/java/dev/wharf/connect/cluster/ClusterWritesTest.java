package dev.wharf.connect.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.connect.ConnectRuntime;
import dev.wharf.connect.testing.CountingSourceConnector;
import dev.wharf.connect.testing.Http;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Writes that Apache runs on the leader or spreads through the config topic, sent to a follower of
 * a three-worker cluster: offsets changes are forwarded to the leader (with Apache's {@code
 * forward} and 409 rules) and a cluster-scope logger level reaches every worker.
 */
@ExtendWith(SharedKafkaBroker.class)
class ClusterWritesTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String CONFLICT =
      "Cannot complete request because of a conflicting operation (e.g. worker rebalance)";

  private final EmbeddedKafkaBroker broker;

  ClusterWritesTest(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  @Test
  void offsetsChangesAndClusterLoggerLevelsWorkThroughAFollower() {
    try (ConnectCluster cluster = new ConnectCluster(broker, Map.of())) {
      for (int i = 0; i < 3; i++) {
        cluster.start();
      }
      Http follower = cluster.http(cluster.follower());
      Map<String, String> config = new HashMap<>();
      config.put("connector.class", CountingSourceConnector.class.getName());
      config.put("topic", "forwarded-offsets-" + UUID.randomUUID());
      config.put("count", "30");
      Http.Response created =
          follower.post("/connectors", Map.of("name", "counting", "config", config));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      await().atMost(WAIT).until(() -> counter(follower), n -> n != null && n == 29);
      assertThat(follower.put("/connectors/counting/stop", null).status()).isEqualTo(204);
      await()
          .atMost(WAIT)
          .until(
              () ->
                  follower.get("/connectors/counting/status").json().get("tasks").isEmpty()
                      && follower.get("/connectors/counting").json().get("tasks").isEmpty());

      Map<String, Object> alter =
          Map.of(
              "offsets",
              List.of(Map.of("partition", Map.of("source", "counter"), "offset", Map.of("n", 9))));
      Http.Response refused = follower.patch("/connectors/counting/offsets?forward=false", alter);
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.json().get("message").asText()).isEqualTo(CONFLICT);
      Http.Response altered = follower.patch("/connectors/counting/offsets", alter);
      assertThat(altered.status()).as(altered.body()).isEqualTo(200);
      assertThat(altered.json().get("message").asText())
          .isEqualTo("The offsets for this connector have been altered successfully");
      for (ConnectRuntime worker : cluster.workers()) {
        Http http = cluster.http(worker);
        await().atMost(WAIT).until(() -> counter(http), n -> n != null && n == 9);
      }

      assertThat(follower.delete("/connectors/counting/offsets?forward=false").status())
          .isEqualTo(409);
      Http.Response reset = follower.delete("/connectors/counting/offsets");
      assertThat(reset.status()).as(reset.body()).isEqualTo(200);
      assertThat(reset.json().get("message").asText())
          .isEqualTo("The offsets for this connector have been reset successfully");
      for (ConnectRuntime worker : cluster.workers()) {
        Http http = cluster.http(worker);
        await().atMost(WAIT).until(() -> counter(http) == null);
      }

      // KIP-976: one PUT with scope=cluster sets the level on every worker.
      String logger = "dev.wharf.cluster.test" + UUID.randomUUID().toString().replace("-", "");
      Http.Response set =
          follower.put("/admin/loggers/" + logger + "?scope=cluster", Map.of("level", "DEBUG"));
      assertThat(set.status()).as(set.body()).isEqualTo(204);
      for (ConnectRuntime worker : cluster.workers()) {
        Http http = cluster.http(worker);
        await()
            .atMost(WAIT)
            .until(
                () -> {
                  Http.Response level = http.get("/admin/loggers/" + logger);
                  return level.status() == 200
                      && level.json().get("level").asText().equals("DEBUG")
                      && !level.json().get("last_modified").isNull();
                });
      }
    }
  }

  /** The counter source's stored {@code n}, as {@code GET .../offsets} shows it; null if none. */
  private static Long counter(Http http) {
    JsonNode offsets = http.get("/connectors/counting/offsets").json().get("offsets");
    for (JsonNode entry : offsets) {
      if (entry.get("partition").path("source").asText().equals("counter")) {
        return entry.get("offset").get("n").asLong();
      }
    }
    return null;
  }
}
