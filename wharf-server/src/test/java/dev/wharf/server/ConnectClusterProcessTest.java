package dev.wharf.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.connect.file.FileStreamSourceConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code wharf connect worker.properties} processes form one Connect cluster; one is killed
 * with SIGKILL while a file source and a file sink run, and the others take its tasks over without
 * losing a line.
 */
@ExtendWith(SharedKafkaBroker.class)
class ConnectClusterProcessTest {
  private static final Duration STARTUP = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aKilledWorkerProcessesTasksRunElsewhere(EmbeddedKafkaBroker broker, @TempDir Path dir)
      throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins/connect-file"));
    Files.copy(
        Path.of(
            FileStreamSourceConnector.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI()),
        plugins.resolve("connect-file.jar"));
    String prefix = "procs-" + UUID.randomUUID();
    Path worker =
        Files.writeString(
            dir.resolve("connect-distributed.properties"),
            String.join(
                "\n",
                "bootstrap.servers=" + broker.bootstrapServers(),
                "group.id=" + prefix,
                "listeners=http://127.0.0.1:0",
                "config.storage.topic=" + prefix + "-configs",
                "offset.storage.topic=" + prefix + "-offsets",
                "status.storage.topic=" + prefix + "-status",
                "offset.storage.partitions=1",
                "status.storage.partitions=1",
                "offset.flush.interval.ms=500",
                "session.timeout.ms=6000",
                "heartbeat.interval.ms=1000",
                "scheduled.rebalance.max.delay.ms=2000",
                "key.converter=org.apache.kafka.connect.storage.StringConverter",
                "value.converter=org.apache.kafka.connect.storage.StringConverter",
                "plugin.path=" + dir.resolve("plugins"),
                ""));
    Path source = Files.writeString(dir.resolve("in.txt"), lines(1, 100));
    Path sink = dir.resolve("out.txt");
    String topic = prefix + "-lines";
    List<WharfProcess> processes = new ArrayList<>();
    Map<String, WharfProcess> byWorkerId = new HashMap<>();
    try {
      List<URI> urls = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        WharfProcess process =
            WharfProcess.start(
                "connect", "--data-dir", dir.resolve("data-" + i).toString(), worker.toString());
        processes.add(process);
        URI url = urlFrom(process.awaitLine(line -> line.startsWith("Connect "), STARTUP));
        process.awaitLine(line -> line.startsWith("Wharf is ready"), STARTUP);
        urls.add(url);
        byWorkerId.put(url.getHost() + ":" + url.getPort(), process);
      }
      URI first = urls.get(0);
      assertThat(
              post(
                  first.resolve("/connectors"),
                  Map.of(
                      "name",
                      "file-source",
                      "config",
                      Map.of(
                          "connector.class",
                          "FileStreamSource",
                          "file",
                          source.toString(),
                          "topic",
                          topic))))
          .isEqualTo(201);
      assertThat(
              post(
                  urls.get(1).resolve("/connectors"),
                  Map.of(
                      "name",
                      "file-sink",
                      "config",
                      Map.of(
                          "connector.class",
                          "FileStreamSink",
                          "file",
                          sink.toString(),
                          "topics",
                          topic))))
          .isEqualTo(201);
      await().atMost(STARTUP).until(() -> linesIn(sink).containsAll(expected(1, 100)));
      // Every worker's API answers for every connector.
      for (URI url : urls) {
        assertThat(taskOwner(url, "file-source")).isNotNull();
        assertThat(taskOwner(url, "file-sink")).isNotNull();
      }

      String victimId = taskOwner(first, "file-source");
      WharfProcess victim = byWorkerId.get(victimId);
      URI survivor =
          urls.stream()
              .filter(u -> !(u.getHost() + ":" + u.getPort()).equals(victimId))
              .findFirst()
              .orElseThrow();
      long killedAt = System.nanoTime();
      victim.kill();
      Files.writeString(source, lines(101, 200), StandardOpenOption.APPEND);

      await()
          .atMost(STARTUP)
          .until(
              () -> {
                String sourceOwner = taskOwner(survivor, "file-source");
                String sinkOwner = taskOwner(survivor, "file-sink");
                return sourceOwner != null
                    && sinkOwner != null
                    && !sourceOwner.equals(victimId)
                    && !sinkOwner.equals(victimId);
              });
      double seconds = (System.nanoTime() - killedAt) / 1e9;
      // Session timeout (6 s) plus grace period (2 s), with room for a loaded machine.
      assertThat(seconds).isLessThan(40);
      await().atMost(STARTUP).until(() -> linesIn(sink).containsAll(expected(1, 200)));
    } finally {
      processes.forEach(WharfProcess::close);
    }
  }

  /** The worker id of the RUNNING task 0, or null. */
  private String taskOwner(URI url, String connector) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(url.resolve("/connectors/" + connector + "/status")).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return null;
      }
      for (JsonNode task : JSON.readTree(response.body()).get("tasks")) {
        if (task.get("id").asInt() == 0 && "RUNNING".equals(task.get("state").asText())) {
          return task.get("worker_id").asText();
        }
      }
      return null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private int post(URI uri, Object body) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode();
  }

  private static URI urlFrom(String line) {
    String[] words = line.trim().split("\\s+");
    return URI.create(words[words.length - 1]);
  }

  private static String lines(int from, int to) {
    return IntStream.rangeClosed(from, to)
        .mapToObj(i -> "line-" + i + "\n")
        .collect(Collectors.joining());
  }

  private static Set<String> expected(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> "line-" + i).collect(Collectors.toSet());
  }

  private static Set<String> linesIn(Path file) throws IOException {
    return Files.exists(file) ? new HashSet<>(Files.readAllLines(file)) : Set.of();
  }
}
