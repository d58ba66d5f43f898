package dev.wharf.connect.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.connect.ConnectRuntime;
import dev.wharf.connect.testing.ChattySourceConnector;
import dev.wharf.connect.testing.Http;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The log and metrics endpoints in a cluster: any worker answers for work running on any other,
 * taking each task's lines and figures from the worker that runs it, and says which worker did not
 * answer when one does not.
 */
@ExtendWith(SharedKafkaBroker.class)
class ClusterObservabilityTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EmbeddedKafkaBroker broker;

  ClusterObservabilityTest(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  @Test
  void everyWorkerAnswersWithTheLinesAndFiguresOfEveryWorker() throws Exception {
    try (ConnectCluster cluster = new ConnectCluster(broker, Map.of())) {
      cluster.start();
      cluster.start();
      String name = "chatty-" + UUID.randomUUID();
      Map<Integer, String> owners = startSpread(cluster, name);
      Set<String> workerIds = new HashSet<>(owners.values());

      for (ConnectRuntime worker : cluster.workers()) {
        Http http = cluster.http(worker);
        for (Map.Entry<Integer, String> task : owners.entrySet()) {
          // A task's lines come from the worker that runs it, whichever worker is asked.
          String path = "/connectors/" + name + "/tasks/" + task.getKey() + "/logs?tail=50";
          List<JsonNode> lines = lines(http.get(path));
          assertThat(lines).isNotEmpty();
          assertThat(lines).allMatch(l -> l.get("task").asInt() == task.getKey());
          assertThat(lines).allMatch(l -> l.get("worker_id").asText().equals(task.getValue()));
          assertThat(lines).anyMatch(l -> l.get("message").asText().startsWith("poll "));
        }
        // Bad parameters are refused by the worker asked, before any forwarding.
        Http.Response bad = http.get("/connectors/" + name + "/tasks/1/logs?tail=lots");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error_code").asInt()).isEqualTo(400);
        assertThat(bad.json().get("message").asText()).contains("tail");
        assertThat(http.get("/connectors/" + name + "/tasks/7/logs").status()).isEqualTo(404);
        // The connector's lines merge every worker's, oldest first, the tail cut after merging.
        List<JsonNode> merged = lines(http.get("/connectors/" + name + "/logs?tail=1000"));
        assertThat(merged.stream().map(l -> l.get("worker_id").asText()).distinct())
            .containsExactlyInAnyOrderElementsOf(workerIds);
        assertThat(merged.stream().map(l -> l.path("task").asInt(-1)).distinct()).contains(0, 1);
        assertThat(merged.stream().map(l -> l.get("timestamp").asLong()).toList()).isSorted();
        List<JsonNode> tail =
            await()
                .atMost(WAIT)
                .until(
                    () -> lines(http.get("/connectors/" + name + "/logs?tail=6&level=WARN")),
                    found -> found.size() == 6);
        assertThat(tail).allMatch(l -> !l.get("level").asText().equals("INFO"));
        assertThat(tail.stream().map(l -> l.get("timestamp").asLong()).toList()).isSorted();

        // Figures: each task's from its worker, the connector's summed over both.
        JsonNode metrics = await().atMost(WAIT).until(() -> metrics(http, name), m -> moving(m));
        assertThat(metrics.get("unavailable_workers")).isEmpty();
        long sum = 0;
        for (JsonNode task : metrics.get("tasks")) {
          assertThat(task.get("worker_id").asText()).isEqualTo(owners.get(task.get("id").asInt()));
          assertThat(task.get("state").asText()).isEqualTo("RUNNING");
          sum += task.get("records_out_total").asLong();
        }
        assertThat(metrics.get("records_out_total").asLong()).isEqualTo(sum);
      }
    }
  }

  @Test
  void followStreamsComeFromTheWorkerRunningTheWork() throws Exception {
    try (ConnectCluster cluster = new ConnectCluster(broker, Map.of())) {
      cluster.start();
      cluster.start();
      String name = "chatty-" + UUID.randomUUID();
      Map<Integer, String> owners = startSpread(cluster, name);
      ConnectRuntime asked = cluster.workers().get(0);
      String askedId = asked.membership().orElseThrow().workerId();
      int remoteTask = owners.get(0).equals(askedId) ? 1 : 0;

      // A task on the other worker: its stream is passed through from there.
      try (EventStream stream =
          EventStream.open(
              asked.url(),
              "/connectors/" + name + "/tasks/" + remoteTask + "/logs?follow=true&tail=0")) {
        long opened = System.currentTimeMillis();
        List<JsonNode> events = stream.await(e -> e.get("timestamp").asLong() > opened, 3);
        assertThat(events).allMatch(e -> e.get("task").asInt() == remoteTask);
        assertThat(events)
            .allMatch(e -> e.get("worker_id").asText().equals(owners.get(remoteTask)));
      }
      // The connector's stream carries new lines of both workers.
      try (EventStream stream =
          EventStream.open(asked.url(), "/connectors/" + name + "/logs?follow=true&tail=5")) {
        await()
            .atMost(WAIT)
            .until(
                () -> stream.events().stream().map(e -> e.get("worker_id").asText()).distinct(),
                ids -> ids.count() == 2);
        await().atMost(WAIT).until(() -> stream.events().size() >= 5);
        assertThat(stream.events().subList(0, 5).stream().map(e -> e.get("timestamp").asLong()))
            .isSorted();
      }
    }
  }

  @Test
  void aWorkerThatDoesNotAnswerIsNamedAndTheRestIsAnswered() throws Exception {
    // A long session timeout keeps the crashed worker's tasks assigned to it during the test.
    try (ConnectCluster cluster =
        new ConnectCluster(
            broker, Map.of("session.timeout.ms", "20000", "heartbeat.interval.ms", "3000"))) {
      cluster.start();
      cluster.start();
      String name = "chatty-" + UUID.randomUUID();
      Map<Integer, String> owners = startSpread(cluster, name);
      ConnectRuntime survivor = cluster.workers().get(0);
      String survivorId = survivor.membership().orElseThrow().workerId();
      ConnectRuntime lost = cluster.workers().get(1);
      String lostId = lost.membership().orElseThrow().workerId();
      int lostTask = owners.get(0).equals(lostId) ? 0 : 1;
      Http http = cluster.http(survivor);
      await().atMost(WAIT).until(() -> metrics(http, name), m -> moving(m));
      cluster.crash(lost);

      Http.Response answer = http.get("/connectors/" + name + "/metrics");
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.header("Wharf-Unavailable-Workers")).isEqualTo(lostId);
      JsonNode metrics = answer.json();
      assertThat(metrics.get("unavailable_workers")).hasSize(1);
      assertThat(metrics.get("unavailable_workers").get(0).get("worker_id").asText())
          .isEqualTo(lostId);
      for (JsonNode task : metrics.get("tasks")) {
        if (task.get("id").asInt() == lostTask) {
          assertThat(task.get("records_out_total").isNull()).isTrue();
        } else {
          assertThat(task.get("records_out_total").asLong()).isPositive();
        }
      }
      assertThat(metrics.get("records_out_total").asLong()).isPositive();

      Http.Response logs = http.get("/connectors/" + name + "/logs?tail=100");
      assertThat(logs.status()).isEqualTo(200);
      assertThat(logs.header("Wharf-Unavailable-Workers")).isEqualTo(lostId);
      assertThat(lines(logs))
          .isNotEmpty()
          .allMatch(l -> l.get("worker_id").asText().equals(survivorId));
      Http.Response taskLogs = http.get("/connectors/" + name + "/tasks/" + lostTask + "/logs");
      assertThat(taskLogs.status()).isEqualTo(200);
      assertThat(taskLogs.header("Wharf-Unavailable-Workers")).isEqualTo(lostId);
    }
  }

  /** Creates a chatty source of two tasks and waits for one task RUNNING on each worker. */
  private static Map<Integer, String> startSpread(ConnectCluster cluster, String name) {
    Http http = cluster.http(cluster.workers().get(0));
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", ChattySourceConnector.class.getName());
    config.put("tasks.max", "2");
    config.put("poll.sleep.ms", "100");
    config.put("topic", name);
    Http.Response created = http.post("/connectors", Map.of("name", name, "config", config));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return await()
        .atMost(WAIT)
        .until(
            () -> ConnectCluster.runningTasks(http, name),
            running -> running.size() == 2 && new HashSet<>(running.values()).size() == 2);
  }

  private static JsonNode metrics(Http http, String name) {
    Http.Response response = http.get("/connectors/" + name + "/metrics");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  /** Both tasks have written records and the figures show it. */
  private static boolean moving(JsonNode metrics) {
    for (JsonNode task : metrics.get("tasks")) {
      if (task.get("records_out_total").asLong() == 0) {
        return false;
      }
    }
    return metrics.get("tasks").size() == 2;
  }

  private static List<JsonNode> lines(Http.Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<JsonNode> lines = new ArrayList<>();
    response.json().forEach(lines::add);
    return lines;
  }

  /** The events of a Server-Sent Events response, read as they come on a thread of its own. */
  private static final class EventStream implements AutoCloseable {
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final Stream<String> lines;

    private EventStream(Stream<String> lines) {
      this.lines = lines;
      Iterator<String> it = lines.iterator();
      CompletableFuture.runAsync(
          () -> {
            try {
              while (it.hasNext()) {
                String line = it.next();
                if (line.startsWith("data:")) {
                  events.add(JSON.readTree(line.substring(5).trim()));
                }
              }
            } catch (IOException | UncheckedIOException e) {
              // The stream was closed.
            }
          });
    }

    static EventStream open(URI base, String path) throws Exception {
      HttpResponse<Stream<String>> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(base.resolve(path)).build(),
                  HttpResponse.BodyHandlers.ofLines());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .startsWith("text/event-stream");
      return new EventStream(response.body());
    }

    List<JsonNode> events() {
      return List.copyOf(events);
    }

    /** Waits for {@code count} events that match, and returns them. */
    List<JsonNode> await(java.util.function.Predicate<JsonNode> match, int count) {
      return org.awaitility.Awaitility.await()
          .atMost(WAIT)
          .until(() -> events().stream().filter(match).toList(), found -> found.size() >= count);
    }

    @Override
    public void close() {
      lines.close();
    }
  }
}
