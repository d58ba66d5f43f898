package dev.wharf.connect.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.connect.ConnectRuntime;
import dev.wharf.connect.testing.Http;
import dev.wharf.connect.testing.RecordingSinkConnector;
import dev.wharf.connect.testing.Topics;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests between workers are signed with the session key the leader publishes in the config topic
 * (KIP-507): the internal endpoints refuse unsigned, forged or foreign-algorithm requests with
 * Apache's answers, accept correctly signed ones on any worker, and the key is replaced when its
 * time to live is over while the cluster keeps working.
 */
@ExtendWith(SharedKafkaBroker.class)
class RequestSigningTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SIGNATURE = "X-Connect-Authorization";
  private static final String ALGORITHM = "X-Connect-Request-Signature-Algorithm";

  private final EmbeddedKafkaBroker broker;
  private final HttpClient client = HttpClient.newHttpClient();

  RequestSigningTest(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  @Test
  void internalRequestsMustBeSignedWithTheSessionKey() throws Exception {
    String configTopic = "signing-configs-" + UUID.randomUUID();
    try (ConnectCluster cluster =
        new ConnectCluster(
            broker,
            Map.of("config.storage.topic", configTopic, "inter.worker.key.ttl.ms", "4000"))) {
      cluster.start();
      cluster.start();
      Http follower = cluster.http(cluster.follower());
      // Two connectors of two tasks: at least one connector runs on a follower, whose task
      // configs reach the leader only as a signed request.
      for (String name : List.of("signed-a", "signed-b")) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", RecordingSinkConnector.class.getName());
        config.put("topics", "signing-unused-" + UUID.randomUUID());
        config.put("recorder", "signing-" + UUID.randomUUID());
        config.put("tasks.max", "2");
        Http.Response created =
            follower.post("/connectors", Map.of("name", name, "config", config));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
      }
      for (String name : List.of("signed-a", "signed-b")) {
        await().atMost(WAIT).until(() -> ConnectCluster.runningTasks(follower, name).size() == 2);
      }

      URI followerUrl = cluster.follower().url();
      byte[] body = JSON.writeValueAsBytes(List.of(Map.of("task.class", "x", "n", "1")));
      String tasks = "/connectors/signed-a/tasks";

      HttpResponse<String> unsigned = post(followerUrl, tasks, body, Map.of());
      assertThat(unsigned.statusCode()).isEqualTo(400);
      assertThat(message(unsigned)).isEqualTo("Internal request missing required signature");

      HttpResponse<String> unknown =
          post(followerUrl, tasks, body, Map.of(SIGNATURE, "AAAA", ALGORITHM, "HmacNothing"));
      assertThat(unknown.statusCode()).isEqualTo(400);
      assertThat(message(unknown)).contains("HmacNothing");

      HttpResponse<String> foreign =
          post(
              followerUrl,
              tasks,
              body,
              Map.of(SIGNATURE, sign("HmacSHA512", new byte[32], body), ALGORITHM, "HmacSHA512"));
      assertThat(foreign.statusCode()).isEqualTo(400);
      assertThat(message(foreign))
          .isEqualTo(
              "This worker does not support the 'HmacSHA512' key signing algorithm used by other"
                  + " workers. This worker is currently configured to use: [HmacSHA256]. Check"
                  + " that all workers' configuration files permit the same set of signature"
                  + " algorithms, and correct any misconfigured worker and restart it.");

      HttpResponse<String> forged =
          post(
              followerUrl,
              tasks,
              body,
              Map.of(SIGNATURE, sign("HmacSHA256", new byte[32], body), ALGORITHM, "HmacSHA256"));
      assertThat(forged.statusCode()).isEqualTo(403);
      assertThat(message(forged)).isEqualTo("Internal request contained invalid signature.");

      HttpResponse<String> unsignedFence =
          send(followerUrl, "PUT", "/connectors/signed-a/fence", new byte[0], Map.of());
      assertThat(unsignedFence.statusCode()).isEqualTo(400);
      assertThat(message(unsignedFence)).isEqualTo("Internal request missing required signature");

      // The key is published in the config topic, replaced after its time to live, and a request
      // signed with it is accepted by a follower, which forwards it to the leader.
      await().atMost(WAIT).until(() -> sessionKeys(configTopic).size() >= 2);
      List<JsonNode> keys = sessionKeys(configTopic);
      JsonNode latest = keys.get(keys.size() - 1);
      assertThat(latest.get("algorithm").asText()).isEqualTo("HmacSHA256");
      assertThat(latest.get("creation-timestamp").asLong()).isPositive();
      Set<String> distinct = new HashSet<>();
      keys.forEach(k -> distinct.add(k.get("key").asText()));
      assertThat(distinct).hasSizeGreaterThanOrEqualTo(2);
      byte[] key = Base64.getDecoder().decode(latest.get("key").asText());
      HttpResponse<String> signed =
          post(
              followerUrl,
              tasks,
              body,
              Map.of(SIGNATURE, sign("HmacSHA256", key, body), ALGORITHM, "HmacSHA256"));
      assertThat(signed.statusCode()).as(signed.body()).isIn(204, 403);
      if (signed.statusCode() == 403) {
        // The key rotated between reading it and sending; the next one must work.
        JsonNode newest = sessionKeys(configTopic).get(sessionKeys(configTopic).size() - 1);
        key = Base64.getDecoder().decode(newest.get("key").asText());
        signed =
            post(
                followerUrl,
                tasks,
                body,
                Map.of(SIGNATURE, sign("HmacSHA256", key, body), ALGORITHM, "HmacSHA256"));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(204);
      }

      // After several rotations, the workers still hand task configs to the leader.
      for (ConnectRuntime worker : cluster.workers()) {
        Http http = cluster.http(worker);
        Map<String, Object> patch = Map.of("tasks.max", "1");
        Http.Response updated = http.patch("/connectors/signed-b/config", patch);
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        await().atMost(WAIT).until(() -> ConnectCluster.runningTasks(http, "signed-b").size() == 1);
        Http.Response back = http.patch("/connectors/signed-b/config", Map.of("tasks.max", "2"));
        assertThat(back.status()).as(back.body()).isEqualTo(200);
        await().atMost(WAIT).until(() -> ConnectCluster.runningTasks(http, "signed-b").size() == 2);
      }
    }
  }

  private List<JsonNode> sessionKeys(String configTopic) throws Exception {
    List<JsonNode> keys = new ArrayList<>();
    for (ConsumerRecord<String, String> record :
        Topics.records(broker.bootstrapServers(), configTopic)) {
      if ("session-key".equals(record.key()) && record.value() != null) {
        keys.add(JSON.readTree(record.value()));
      }
    }
    return keys;
  }

  private static String sign(String algorithm, byte[] key, byte[] body) throws Exception {
    Mac mac = Mac.getInstance(algorithm);
    mac.init(new SecretKeySpec(key, algorithm));
    return Base64.getEncoder().encodeToString(mac.doFinal(body));
  }

  private HttpResponse<String> post(URI base, String path, byte[] body, Map<String, String> headers)
      throws Exception {
    return send(base, "POST", path, body, headers);
  }

  private HttpResponse<String> send(
      URI base, String method, String path, byte[] body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String message(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body()).get("message").asText();
  }
}
