package dev.wharf.connect.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.connect.ConnectRuntime;
import dev.wharf.connect.testing.Http;
import dev.wharf.connect.testing.Topics;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source connector with its own {@code offsets.storage.topic} (KIP-618): it starts from the
 * worker's offsets when its topic has none, writes its offsets to its topic, resumes from them
 * after a worker restart, and the offsets API reads and resets that topic.
 */
@ExtendWith(SharedKafkaBroker.class)
class ConnectorOffsetsTopicTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EmbeddedKafkaBroker broker;
  @TempDir Path dir;

  ConnectorOffsetsTopicTest(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  @Test
  void fileSourceKeepsItsOffsetsInItsOwnTopicAcrossARestart() throws Exception {
    Path file = dir.resolve("in.txt");
    Files.writeString(file, lines(1, 10));
    String topic = "own-offsets-data-" + UUID.randomUUID();
    String ownOffsets = "own-offsets-" + UUID.randomUUID();
    try (ConnectCluster cluster = new ConnectCluster(broker, Map.of())) {
      ConnectRuntime worker = cluster.start();
      Http http = cluster.http(worker);
      Map<String, String> config = new HashMap<>();
      config.put("connector.class", "FileStreamSource");
      config.put("file", file.toString());
      config.put("topic", topic);
      assertThat(http.put("/connectors/own/config", config).status()).isEqualTo(201);
      await()
          .atMost(WAIT)
          .until(() -> Topics.values(broker.bootstrapServers(), topic).size() == 10);
      await().atMost(WAIT).until(() -> position(http) == Files.size(file));

      // With a topic of its own, still empty, the connector goes on from the worker's offsets.
      config.put("offsets.storage.topic", ownOffsets);
      assertThat(http.put("/connectors/own/config", config).status()).isEqualTo(200);
      await().atMost(WAIT).until(() -> ConnectCluster.runningTasks(http, "own").size() == 1);
      Files.writeString(file, lines(11, 20), StandardOpenOption.APPEND);
      await()
          .atMost(WAIT)
          .until(() -> Topics.values(broker.bootstrapServers(), topic).size() >= 20);
      long size = Files.size(file);
      await().atMost(WAIT).until(() -> lastOffset(ownOffsets, file), o -> o != null && o == size);
      assertThat(isCompacted(ownOffsets)).isTrue();
      await().atMost(WAIT).until(() -> position(http) == size);

      // A new worker process reads the connector's offsets from its topic: nothing is repeated.
      cluster.stop(worker);
      worker = cluster.start();
      Http restarted = cluster.http(worker);
      await().atMost(WAIT).until(() -> ConnectCluster.runningTasks(restarted, "own").size() == 1);
      Files.writeString(file, lines(21, 30), StandardOpenOption.APPEND);
      await()
          .atMost(WAIT)
          .until(() -> Topics.values(broker.bootstrapServers(), topic).size() >= 30);
      assertThat(Topics.values(broker.bootstrapServers(), topic)).isEqualTo(expected(1, 30));
      await().atMost(WAIT).until(() -> position(restarted) == Files.size(file));

      // Resetting the offsets clears the connector's topic and the worker's fallback.
      assertThat(restarted.put("/connectors/own/stop", null).status()).isEqualTo(204);
      await().atMost(WAIT).until(() -> restarted.delete("/connectors/own/offsets").status() == 200);
      assertThat(restarted.get("/connectors/own/offsets").json().get("offsets")).isEmpty();
      assertThat(lastOffset(ownOffsets, file)).isNull();
      assertThat(restarted.put("/connectors/own/resume", null).status()).isEqualTo(202);
      await()
          .atMost(WAIT)
          .until(() -> Topics.values(broker.bootstrapServers(), topic).size() >= 60);
    }
  }

  @Test
  void exactlyOnceSourceCommitsItsOffsetsToItsOwnTopic() throws Exception {
    Path file = dir.resolve("eos.txt");
    Files.writeString(file, lines(1, 10));
    String topic = "own-offsets-eos-" + UUID.randomUUID();
    String ownOffsets = "own-offsets-eos-" + UUID.randomUUID();
    try (ConnectCluster cluster =
        new ConnectCluster(broker, Map.of("exactly.once.source.support", "enabled"))) {
      ConnectRuntime worker = cluster.start();
      Map<String, String> config = new HashMap<>();
      config.put("connector.class", "FileStreamSource");
      config.put("file", file.toString());
      config.put("topic", topic);
      config.put("offsets.storage.topic", ownOffsets);
      assertThat(cluster.http(worker).put("/connectors/own/config", config).status())
          .isEqualTo(201);
      // Records first: reading the offsets topic before the worker created it would auto-create it
      // on this broker, not compacted.
      await().atMost(WAIT).until(() -> ConnectCluster.committedValues(broker, topic).size() >= 10);
      assertThat(ConnectCluster.committedValues(broker, topic)).isEqualTo(expected(1, 10));
      long size = Files.size(file);
      await().atMost(WAIT).until(() -> lastOffset(ownOffsets, file), o -> o != null && o == size);

      cluster.stop(worker);
      worker = cluster.start();
      Http restarted = cluster.http(worker);
      Files.writeString(file, lines(11, 20), StandardOpenOption.APPEND);
      await().atMost(WAIT).until(() -> ConnectCluster.committedValues(broker, topic).size() >= 20);
      assertThat(ConnectCluster.committedValues(broker, topic)).isEqualTo(expected(1, 20));
      await().atMost(WAIT).until(() -> position(restarted) == Files.size(file));
    }
  }

  /** The file position {@code GET /connectors/own/offsets} reports, or -1 when none. */
  private static long position(Http http) {
    JsonNode offsets = http.get("/connectors/own/offsets").json().get("offsets");
    if (offsets == null || offsets.isEmpty()) {
      return -1;
    }
    return offsets.get(0).get("offset").get("position").asLong();
  }

  /** The last position in an offsets topic for the file's partition; null for a tombstone. */
  private Long lastOffset(String offsetsTopic, Path file) {
    Long last = -1L;
    for (ConsumerRecord<String, String> record :
        Topics.records(broker.bootstrapServers(), offsetsTopic)) {
      try {
        JsonNode key = JSON.readTree(record.key());
        if (key.get(0).asText().equals("own")
            && key.get(1).get("filename").asText().equals(file.toString())) {
          last =
              record.value() == null
                  ? null
                  : JSON.readTree(record.value()).get("position").asLong();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return last;
  }

  private boolean isCompacted(String topic) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
      return config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value().contains("compact");
    }
  }

  private static String lines(int from, int to) {
    return IntStream.rangeClosed(from, to)
        .mapToObj(i -> "line-" + i + "\n")
        .collect(Collectors.joining());
  }

  private static List<String> expected(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> "line-" + i).toList();
  }
}
