package dev.wharf.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.connect.ConnectConfig;
import dev.wharf.connect.ConnectRuntime;
import dev.wharf.console.Console;
import dev.wharf.console.Upstreams;
import dev.wharf.core.config.ConfigSource;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console against a Connect cluster of two workers, talking to one of them, for a connector
 * whose task runs on the other: the page shows the task RUNNING with that worker's id, the task's
 * log lines (kept on that worker) and its figures (counted there); once that worker crashes, the
 * log and figure panels name it as a worker that did not answer.
 */
@ExtendWith(SharedKafkaBroker.class)
class ConsoleClusterBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EmbeddedKafkaBroker broker;
  @TempDir Path dir;

  ConsoleClusterBrowserTest(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  @Test
  void showsATaskRunningOnTheOtherWorkerWithItsLogAndFiguresAndNamesItWhenItCrashes()
      throws Exception {
    List<ConnectRuntime> workers = new ArrayList<>();
    try (HeadlessChromium chromium = HeadlessChromium.start()) {
      String group = "console-cluster-" + UUID.randomUUID();
      workers.add(worker(group));
      workers.add(worker(group));
      Path file = dir.resolve("input.txt");
      Files.write(
          file, IntStream.range(0, 500).mapToObj(i -> "line " + i).collect(Collectors.toList()));
      String name = "clustered-source";
      Map<String, String> config = new HashMap<>();
      config.put("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector");
      config.put("file", file.toString());
      config.put("topic", group + "-lines");
      config.put("tasks.max", "1");
      URI first = workers.get(0).url();
      HttpResponse<String> created =
          send(first, "POST", "/connectors", Map.of("name", name, "config", config));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String taskWorker =
          await().atMost(WAIT).until(() -> runningTaskWorker(first, name), id -> id != null);
      // The console talks to the worker that does not run the task.
      ConnectRuntime other =
          workers.stream()
              .filter(w -> !w.membership().orElseThrow().workerId().equals(taskWorker))
              .findFirst()
              .orElseThrow();

      try (Console console = console(other.url())) {
        chromium.driver.get(console.url().resolve("/#/connectors/" + name).toString());
        await()
            .atMost(WAIT)
            .ignoreExceptions()
            .untilAsserted(
                () -> {
                  WebElement task =
                      chromium.driver.findElement(By.cssSelector("#tasks-table tr[data-task='0']"));
                  assertThat(task.findElement(By.cssSelector(".badge")).getAttribute("data-state"))
                      .isEqualTo("RUNNING");
                  assertThat(task.getText()).contains(taskWorker);
                  // Lines logged on the other worker while it started the task.
                  assertThat(chromium.driver.findElement(By.id("connector-log")).getText())
                      .contains("task 0 on " + taskWorker);
                  // 500 lines counted by the other worker, read through this one.
                  assertThat(chromium.driver.findElement(By.id("connector-metrics")).getText())
                      .contains("500");
                });
        chromium.screenshot("21-cluster-connector-on-other-worker");

        // The long session timeout keeps the task assigned to the crashed worker meanwhile.
        ConnectRuntime crashed =
            workers.stream()
                .filter(w -> w.membership().orElseThrow().workerId().equals(taskWorker))
                .findFirst()
                .orElseThrow();
        workers.remove(crashed);
        crashed.crash();
        chromium.driver.navigate().refresh();
        await()
            .atMost(WAIT)
            .ignoreExceptions()
            .untilAsserted(
                () -> {
                  assertThat(chromium.driver.findElement(By.id("logs-unavailable")).getText())
                      .contains("Not shown", taskWorker);
                  assertThat(chromium.driver.findElement(By.id("metrics-unavailable")).getText())
                      .contains(taskWorker);
                });
        chromium.screenshot("22-cluster-worker-not-answering");
      }
    } finally {
      workers.forEach(ConnectRuntime::close);
    }
  }

  private ConnectRuntime worker(String group) {
    Map<String, String> props = new HashMap<>();
    props.put("bootstrap.servers", broker.bootstrapServers());
    props.put("group.id", group);
    props.put("listeners", "http://127.0.0.1:0");
    props.put("config.storage.topic", group + "-configs");
    props.put("offset.storage.topic", group + "-offsets");
    props.put("status.storage.topic", group + "-status");
    props.put("offset.storage.partitions", "1");
    props.put("status.storage.partitions", "1");
    props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("offset.flush.interval.ms", "500");
    props.put("session.timeout.ms", "45000");
    props.put("heartbeat.interval.ms", "3000");
    return ConnectRuntime.distributed(ConnectConfig.parse("test", props));
  }

  private static Console console(URI connect) {
    return new Console(
            Console.definition()
                .parse(
                    List.of(new ConfigSource("test", Map.of("listeners", "http://127.0.0.1:0")))),
            new Upstreams(connect, null, null))
        .start();
  }

  /** The worker id of the connector's RUNNING task 0, or null while it is not running. */
  private static String runningTaskWorker(URI worker, String name) throws Exception {
    HttpResponse<String> response = send(worker, "GET", "/connectors/" + name + "/status", null);
    if (response.statusCode() != 200) {
      return null;
    }
    for (JsonNode task : JSON.readTree(response.body()).path("tasks")) {
      if (task.get("id").asInt() == 0 && "RUNNING".equals(task.get("state").asText())) {
        return task.get("worker_id").asText();
      }
    }
    return null;
  }

  private static HttpResponse<String> send(URI base, String method, String path, Object body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
