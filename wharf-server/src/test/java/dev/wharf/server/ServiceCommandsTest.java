package dev.wharf.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.connect.file.FileStreamSourceConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code wharf connect} and {@code wharf rest-proxy} with the peers' own files, as processes. */
@ExtendWith(SharedKafkaBroker.class)
class ServiceCommandsTest {
  private static final Duration STARTUP = Duration.ofSeconds(90);

  @Test
  void connectStandaloneRunsTheConnectorsOfItsFiles(EmbeddedKafkaBroker broker, @TempDir Path dir)
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
    Path input = Files.writeString(dir.resolve("input.txt"), "alpha\nbeta\n");
    String topic = "standalone-cli-" + UUID.randomUUID();
    Path worker =
        Files.writeString(
            dir.resolve("connect-standalone.properties"),
            String.join(
                "\n",
                "bootstrap.servers=" + broker.bootstrapServers(),
                "listeners=http://127.0.0.1:0",
                "key.converter=org.apache.kafka.connect.storage.StringConverter",
                "value.converter=org.apache.kafka.connect.storage.StringConverter",
                "offset.storage.file.filename=" + dir.resolve("offsets"),
                "plugin.path=" + dir.resolve("plugins"),
                ""));
    Path connector =
        Files.writeString(
            dir.resolve("file-source.json"),
            "{\"name\":\"local-file-source\",\"config\":{\"connector.class\":\"FileStreamSource\","
                + "\"tasks.max\":\"1\",\"file\":\""
                + input
                + "\",\"topic\":\""
                + topic
                + "\"}}");

    try (WharfProcess wharf =
        WharfProcess.start(
            "connect",
            "--standalone",
            "--data-dir",
            dir.resolve("data").toString(),
            worker.toString(),
            connector.toString())) {
      URI url = urlFrom(wharf.awaitLine(line -> line.startsWith("Connect "), STARTUP));
      wharf.awaitLine(line -> line.startsWith("Wharf is ready"), STARTUP);

      assertThat(get(url.resolve("/connectors"))).isEqualTo("[\"local-file-source\"]");
      await().atMost(STARTUP).until(() -> values(broker, topic).size() == 2);
      assertThat(values(broker, topic)).containsExactly("alpha", "beta");
      assertThat(wharf.terminate(Duration.ofSeconds(60))).isZero();
    }
  }

  @Test
  void restProxyRunsWithConfluentsPropertiesFile(EmbeddedKafkaBroker broker, @TempDir Path dir)
      throws Exception {
    Path properties =
        Files.writeString(
            dir.resolve("kafka-rest.properties"),
            "bootstrap.servers=PLAINTEXT://"
                + broker.bootstrapServers()
                + "\nlisteners=http://127.0.0.1:0\n");

    try (WharfProcess wharf =
        WharfProcess.start(
            "rest-proxy", "--data-dir", dir.resolve("data").toString(), properties.toString())) {
      URI url = urlFrom(wharf.awaitLine(line -> line.startsWith("REST Proxy "), STARTUP));
      wharf.awaitLine(line -> line.startsWith("Wharf is ready"), STARTUP);

      assertThat(get(url.resolve("/v3/clusters"))).contains(broker.clusterId());
      assertThat(wharf.terminate(Duration.ofSeconds(60))).isZero();
    }
  }

  @Test
  void connectWithAnUnreadableWorkerFileExitsTwo(@TempDir Path dir) {
    StringWriter err = new StringWriter();
    Path missing = dir.resolve("missing.properties");

    int code =
        Wharf.execute(
            new String[] {"connect", missing.toString()},
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("wharf: cannot read config file " + missing + ": no such file\n");
  }

  private static URI urlFrom(String line) {
    String[] words = line.trim().split("\\s+");
    return URI.create(words[words.length - 1]);
  }

  private static String get(URI uri) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static List<String> values(EmbeddedKafkaBroker broker, String topic) {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      if (consumer.partitionsFor(topic, Duration.ofSeconds(5)).isEmpty()) {
        return values;
      }
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      while (consumer.position(partition) < end) {
        consumer.poll(Duration.ofMillis(100)).forEach(r -> values.add(r.value()));
      }
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      return values;
    }
    return values;
  }
}
