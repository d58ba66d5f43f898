package dev.wharf.connect.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.connect.ConnectRuntime;
import dev.wharf.connect.testing.CountingSourceConnector;
import dev.wharf.connect.testing.Http;
import dev.wharf.connect.testing.RecordingSinkConnector;
import dev.wharf.connect.testing.RecordingSinkTask;
import dev.wharf.connect.testing.Topics;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three workers in one JVM forming one Connect cluster, driven through their REST APIs as a user
 * would: work spreads evenly, any worker accepts writes, a crashed or leaving worker's tasks run
 * elsewhere, and a rolling restart loses nothing.
 */
@ExtendWith(SharedKafkaBroker.class)
class ClusterTest {
  private static final Duration WAIT = Duration.ofSeconds(90);

  private final EmbeddedKafkaBroker broker;
  @TempDir Path dir;

  ClusterTest(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  @Test
  void workSpreadsEvenlyAndAnyWorkerAcceptsWrites() {
    try (ConnectCluster cluster = new ConnectCluster(broker, Map.of())) {
      for (int i = 0; i < 3; i++) {
        cluster.start();
      }
      Http follower = cluster.http(cluster.follower());
      for (int i = 0; i < 3; i++) {
        Http.Response created =
            follower.post(
                "/connectors", Map.of("name", "spread-" + i, "config", recordingSink("3")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("name").asText()).isEqualTo("spread-" + i);
      }
      // 3 connectors and 9 tasks on 3 workers: one connector and three tasks each.
      await()
          .atMost(WAIT)
          .until(() -> ConnectCluster.tasksPerWorker(follower).values(), c -> isEven(c, 9, 3));
      JsonNode statuses = follower.get("/connectors?expand=status").json();
      Set<String> connectorOwners = new HashSet<>();
      statuses.forEach(
          c -> connectorOwners.add(c.get("status").get("connector").get("worker_id").asText()));
      assertThat(connectorOwners).hasSize(3);
      // Every worker answers for every connector.
      for (ConnectRuntime worker : cluster.workers()) {
        assertThat(cluster.http(worker).get("/connectors").json()).hasSize(3);
        assertThat(ConnectCluster.runningTasks(cluster.http(worker), "spread-0")).hasSize(3);
      }

      Http.Response updated = follower.put("/connectors/spread-0/config", recordingSink("1"));
      assertThat(updated.status()).isEqualTo(200);
      await()
          .atMost(WAIT)
          .until(() -> ConnectCluster.runningTasks(follower, "spread-0").size() == 1);

      assertThat(follower.delete("/connectors/spread-1").status()).isEqualTo(204);
      for (ConnectRuntime worker : cluster.workers()) {
        await()
            .atMost(WAIT)
            .until(() -> cluster.http(worker).get("/connectors/spread-1").status() == 404);
      }
      // A request that was already forwarded twice is not forwarded again.
      Http.Response refused =
          follower.post(
              "/connectors?forward=false", Map.of("name", "late", "config", recordingSink("1")));
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.json().get("message").asText())
          .isEqualTo(
              "Cannot complete request because of a conflicting operation (e.g. worker"
                  + " rebalance)");
      // Work still balanced: 1 + 3 tasks on 3 workers.
      await()
          .atMost(WAIT)
          .until(() -> ConnectCluster.tasksPerWorker(follower).values(), c -> isEven(c, 4, 3));
    }
  }

  @Test
  void aJoiningWorkerTakesOnlyItsShare() {
    try (ConnectCluster cluster = new ConnectCluster(broker, Map.of())) {
      cluster.start();
      ConnectRuntime second = cluster.start();
      Http http = cluster.http(second);
      create(http, "sticky", recordingSink("6"));
      await().atMost(WAIT).until(() -> ConnectCluster.runningTasks(http, "sticky").size() == 6);
      await()
          .atMost(WAIT)
          .until(() -> ConnectCluster.tasksPerWorker(http).values(), c -> isEven(c, 6, 2));
      Map<Integer, String> before = ConnectCluster.runningTasks(http, "sticky");

      cluster.start();

      await()
          .atMost(WAIT)
          .until(() -> ConnectCluster.tasksPerWorker(http).values(), c -> isEven(c, 6, 3));
      Map<Integer, String> after = ConnectCluster.runningTasks(http, "sticky");
      long moved =
          before.keySet().stream().filter(t -> !before.get(t).equals(after.get(t))).count();
      assertThat(moved).isEqualTo(2);
    }
  }

  @Test
  void crashedWorkersTasksRunElsewhereAndNothingIsLost() throws IOException {
    Path source = dir.resolve("in.txt");
    Path sink = dir.resolve("out.txt");
    Files.writeString(source, lines(1, 50));
    String topic = "crash-" + UUID.randomUUID();
    try (ConnectCluster cluster = new ConnectCluster(broker, Map.of())) {
      for (int i = 0; i < 3; i++) {
        cluster.start();
      }
      Http http = cluster.http(cluster.workers().get(0));
      Map<String, String> fileSource = new HashMap<>();
      fileSource.put("connector.class", "FileStreamSource");
      fileSource.put("file", source.toString());
      fileSource.put("topic", topic);
      Map<String, String> fileSink = new HashMap<>();
      fileSink.put("connector.class", "FileStreamSink");
      fileSink.put("file", sink.toString());
      fileSink.put("topics", topic);
      create(http, "file-source", fileSource);
      create(http, "file-sink", fileSink);
      await().atMost(WAIT).until(() -> linesIn(sink).size() >= 50);

      for (String connector : List.of("file-source", "file-sink")) {
        Http any = cluster.http(cluster.workers().get(0));
        await().atMost(WAIT).until(() -> ConnectCluster.runningTasks(any, connector).size() == 1);
        String victimId = ConnectCluster.runningTasks(any, connector).get(0);
        ConnectRuntime victim = cluster.byWorkerId(victimId);
        long crashedAt = System.nanoTime();
        cluster.crash(victim);
        Files.writeString(source, lines(51, 100), StandardOpenOption.APPEND);
        Http survivor = cluster.http(cluster.workers().get(0));
        await()
            .atMost(WAIT)
            .until(
                () -> {
                  Map<Integer, String> source0 =
                      ConnectCluster.runningTasks(survivor, "file-source");
                  Map<Integer, String> sink0 = ConnectCluster.runningTasks(survivor, "file-sink");
                  return source0.size() == 1
                      && sink0.size() == 1
                      && !source0.containsValue(victimId)
                      && !sink0.containsValue(victimId);
                });
        double seconds = (System.nanoTime() - crashedAt) / 1e9;
        // Session timeout (6 s) plus grace period (2 s), with room for a loaded machine.
        assertThat(seconds).isLessThan(30);
        await()
            .atMost(WAIT)
            .until(() -> new HashSet<>(linesIn(sink)).containsAll(expected(1, 100)));
        Files.writeString(source, lines(101, 150), StandardOpenOption.APPEND);
        await()
            .atMost(WAIT)
            .until(() -> new HashSet<>(linesIn(sink)).containsAll(expected(1, 150)));
        Files.writeString(source, lines(151, 200), StandardOpenOption.APPEND);
        if (cluster.workers().size() == 1) {
          break;
        }
      }
      await().atMost(WAIT).until(() -> new HashSet<>(linesIn(sink)).containsAll(expected(1, 200)));
      assertThat(new HashSet<>(Topics.values(broker.bootstrapServers(), topic)))
          .containsAll(expected(1, 200));
    }
  }

  @Test
  void aLeavingWorkerHandsItsTasksOverAtOnce() {
    // A grace period longer than the wait: only a real hand-over can pass.
    try (ConnectCluster cluster =
        new ConnectCluster(broker, Map.of("scheduled.rebalance.max.delay.ms", "300000"))) {
      for (int i = 0; i < 3; i++) {
        cluster.start();
      }
      Http http = cluster.http(cluster.workers().get(0));
      create(http, "leave", recordingSink("6"));
      await()
          .atMost(WAIT)
          .until(() -> ConnectCluster.tasksPerWorker(http).values(), c -> isEven(c, 6, 3));
      ConnectRuntime leaving = cluster.workers().get(2);
      String leavingId = leaving.membership().orElseThrow().workerId();

      long stoppingAt = System.nanoTime();
      cluster.stop(leaving);
      double seconds = (System.nanoTime() - stoppingAt) / 1e9;
      // The group took its work over: the stop did not wait out the 20 s leave timeout.
      assertThat(seconds).isLessThan(20);

      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                Map<Integer, String> running = ConnectCluster.runningTasks(http, "leave");
                return running.size() == 6 && !running.containsValue(leavingId);
              });
      assertThat(ConnectCluster.tasksPerWorker(http).values()).containsOnly(3);
    }
  }

  @Test
  void aRollingRestartLosesNothing() {
    String topic = "rolling-" + UUID.randomUUID();
    String recorder = "rolling-" + UUID.randomUUID();
    try (ConnectCluster cluster = new ConnectCluster(broker, Map.of())) {
      for (int i = 0; i < 3; i++) {
        cluster.start();
      }
      Http http = cluster.http(cluster.workers().get(0));
      Map<String, String> source = new HashMap<>();
      source.put("connector.class", CountingSourceConnector.class.getName());
      source.put("topic", topic);
      source.put("count", "3000");
      source.put("batch", "5");
      Map<String, String> sink = new HashMap<>(recordingSink("2"));
      sink.put("topics", topic);
      sink.put("recorder", recorder);
      create(http, "roll-source", source);
      create(http, "roll-sink", sink);

      for (ConnectRuntime old : cluster.workers()) {
        cluster.stop(old);
        cluster.start();
        Http now = cluster.http(cluster.workers().get(0));
        await()
            .atMost(WAIT)
            .until(
                () ->
                    ConnectCluster.runningTasks(now, "roll-source").size() == 1
                        && ConnectCluster.runningTasks(now, "roll-sink").size() == 2);
      }
      Http now = cluster.http(cluster.workers().get(0));
      await()
          .atMost(WAIT)
          .until(
              () ->
                  RecordingSinkTask.recorded(recorder).stream()
                      .map(r -> String.valueOf(r.value()))
                      .collect(Collectors.toSet())
                      .containsAll(values(3000)));
      assertThat(new HashSet<>(Topics.values(broker.bootstrapServers(), topic)))
          .containsAll(values(3000));
      // The last restart may have moved a connector a moment ago: its new owner reports RUNNING.
      for (String connector : List.of("roll-source", "roll-sink")) {
        await()
            .atMost(WAIT)
            .untilAsserted(
                () ->
                    assertThat(
                            now.get("/connectors/" + connector + "/status")
                                .json()
                                .get("connector")
                                .get("state")
                                .asText())
                        .isEqualTo("RUNNING"));
      }
    }
  }

  @Test
  void theWorkerThatTakesOverACrashedWorkersConnectorKeepsItsOwnTasksRunning() {
    try (ConnectCluster cluster = new ConnectCluster(broker, Map.of())) {
      for (int i = 0; i < 3; i++) {
        cluster.start();
      }
      Http http = cluster.http(cluster.workers().get(0));
      Map<String, String> config = recordingSink("6");
      create(http, "moving", config);
      await()
          .atMost(WAIT)
          .until(() -> ConnectCluster.tasksPerWorker(http).values(), c -> isEven(c, 6, 3));
      await().atMost(WAIT).until(() -> ConnectCluster.runningTasks(http, "moving").size() == 6);
      String ownerId =
          http.get("/connectors/moving/status").json().get("connector").get("worker_id").asText();
      ConnectRuntime owner = cluster.byWorkerId(ownerId);
      long ownerTasks =
          ConnectCluster.runningTasks(http, "moving").values().stream()
              .filter(ownerId::equals)
              .count();
      int startsBefore = RecordingSinkTask.starts(config.get("recorder"));

      cluster.crash(owner);
      Http survivor = cluster.http(cluster.workers().get(0));
      await()
          .atMost(WAIT)
          .until(
              () -> ConnectCluster.runningTasks(survivor, "moving"),
              tasks -> tasks.size() == 6 && !tasks.containsValue(ownerId));

      // Only the crashed worker's tasks started again: the worker that took the connector over
      // did not restart the tasks it already ran.
      assertThat(RecordingSinkTask.starts(config.get("recorder")) - startsBefore)
          .isEqualTo((int) ownerTasks);
    }
  }

  @Test
  void aWorkerBackWithinTheGracePeriodGetsItsTasksBack() {
    try (ConnectCluster cluster =
        new ConnectCluster(broker, Map.of("scheduled.rebalance.max.delay.ms", "300000"))) {
      for (int i = 0; i < 3; i++) {
        cluster.start();
      }
      Http http = cluster.http(cluster.workers().get(0));
      create(http, "bounce", recordingSink("6"));
      await()
          .atMost(WAIT)
          .until(() -> ConnectCluster.tasksPerWorker(http).values(), c -> isEven(c, 6, 3));
      Map<Integer, String> before = ConnectCluster.runningTasks(http, "bounce");
      ConnectRuntime victim = cluster.workers().get(2);
      int port = victim.url().getPort();

      cluster.crash(victim);
      cluster.start(port);

      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> ConnectCluster.runningTasks(http, "bounce"), before::equals);
    }
  }

  @Test
  void exactlyOnceSourceSurvivesAZombieWorker() throws Exception {
    String topic = "eos-" + UUID.randomUUID();
    try (ConnectCluster cluster =
        new ConnectCluster(broker, Map.of("exactly.once.source.support", "enabled"))) {
      for (int i = 0; i < 3; i++) {
        cluster.start();
      }
      Http http = cluster.http(cluster.workers().get(0));
      Map<String, String> source = new HashMap<>();
      source.put("connector.class", CountingSourceConnector.class.getName());
      source.put("topic", topic);
      source.put("count", "20000");
      source.put("batch", "20");
      // About 1000 records/s: the task is mid-stream when its worker is cut off.
      source.put("poll.sleep.ms", "20");
      source.put("exactly.once.support", "requested");
      source.put("transaction.boundary", "poll");
      Map<String, String> bad = new HashMap<>(source);
      bad.put("transaction.boundary", "sometimes");
      Http.Response rejected = http.post("/connectors", Map.of("name", "eos-bad", "config", bad));
      assertThat(rejected.status()).isEqualTo(400);
      assertThat(rejected.json().get("message").asText()).contains("transaction.boundary");
      create(http, "eos", source);
      await().atMost(WAIT).until(() -> ConnectCluster.runningTasks(http, "eos").size() == 1);
      await().atMost(WAIT).until(() -> !Topics.values(broker.bootstrapServers(), topic).isEmpty());
      String ownerId = ConnectCluster.runningTasks(http, "eos").get(0);
      ConnectRuntime owner = cluster.byWorkerId(ownerId);

      // Cut off from the group but still running its task: a zombie the new instance must fence.
      cluster.zombie(owner);
      Http survivor = cluster.http(cluster.workers().get(0));
      await()
          .atMost(WAIT)
          .until(
              () -> {
                Map<Integer, String> running = ConnectCluster.runningTasks(survivor, "eos");
                return running.size() == 1 && !running.containsValue(ownerId);
              });

      await()
          .atMost(WAIT)
          .until(() -> ConnectCluster.committedValues(broker, topic).size() >= 20000);
      List<String> committed = ConnectCluster.committedValues(broker, topic);
      assertThat(committed).hasSize(20000);
      assertThat(new HashSet<>(committed)).isEqualTo(values(20000));
      // The internal fencing endpoint, served by the leader whichever worker is asked, to signed
      // requests only (KIP-507).
      assertThat(survivor.put("/connectors/eos/fence", null).status()).isEqualTo(400);
      ConnectRuntime asked = cluster.workers().get(0);
      byte[] none = new byte[0];
      assertThat(cluster.signed(broker, asked, "PUT", "/connectors/eos/fence", none).statusCode())
          .isEqualTo(204);
      assertThat(
              cluster.signed(broker, asked, "PUT", "/connectors/nothing/fence", none).statusCode())
          .isEqualTo(404);
    }
  }

  private static void create(Http http, String name, Map<String, String> config) {
    Http.Response created = http.post("/connectors", Map.of("name", name, "config", config));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  private static boolean isEven(java.util.Collection<Integer> counts, int total, int workers) {
    int sum = counts.stream().mapToInt(Integer::intValue).sum();
    int min = counts.stream().mapToInt(Integer::intValue).min().orElse(0);
    int max = counts.stream().mapToInt(Integer::intValue).max().orElse(0);
    return sum == total && counts.size() == Math.min(workers, total) && max - min <= 1;
  }

  private static Map<String, String> recordingSink(String tasks) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", RecordingSinkConnector.class.getName());
    config.put("topics", "cluster-unused-" + UUID.randomUUID());
    config.put("recorder", "cluster-" + UUID.randomUUID());
    config.put("tasks.max", tasks);
    return config;
  }

  private static String lines(int from, int to) {
    return IntStream.rangeClosed(from, to)
        .mapToObj(i -> "line-" + i + "\n")
        .collect(Collectors.joining());
  }

  private static Set<String> expected(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> "line-" + i).collect(Collectors.toSet());
  }

  private static Set<String> values(int count) {
    return IntStream.range(0, count).mapToObj(i -> "value-" + i).collect(Collectors.toSet());
  }

  private static List<String> linesIn(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
  }
}
