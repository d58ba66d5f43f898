package dev.wharf.server;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code wharf start} as a user runs it: a separate process, stopped with SIGTERM. */
@ExtendWith(SharedKafkaBroker.class)
class WharfStartTest {
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final String FREE_SERVICE_PORTS =
      "connect.listeners=http://127.0.0.1:0\nproxy.listeners=http://127.0.0.1:0\n"
          + "registry.listeners=http://127.0.0.1:0\nconsole.listeners=http://127.0.0.1:0\n";

  @Test
  void startsTheEmbeddedBrokerStopsOnSigtermAndKeepsRecordsAcrossRestarts(@TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("wharf.properties");
    Files.writeString(config, "broker.port=0\nbroker.controller.port=0\n" + FREE_SERVICE_PORTS);
    Path data = dir.resolve("data");

    String bootstrap;
    try (WharfProcess wharf =
        WharfProcess.start("start", "--config", config.toString(), "--data-dir", data.toString())) {
      bootstrap = bootstrapFrom(wharf.awaitLine(line -> line.startsWith("Kafka "), STARTUP));
      URI connect = urlFrom(wharf.awaitLine(line -> line.startsWith("Connect "), STARTUP));
      URI proxy = urlFrom(wharf.awaitLine(line -> line.startsWith("REST Proxy "), STARTUP));
      URI registry = urlFrom(wharf.awaitLine(line -> line.startsWith("Schema Registry "), STARTUP));
      URI console = urlFrom(wharf.awaitLine(line -> line.startsWith("Console "), STARTUP));
      wharf.awaitLine(line -> line.startsWith("Wharf is ready"), STARTUP);
      produce(bootstrap, "orders", "first order");
      assertThat(get(registry.resolve("/subjects"))).isEqualTo("[]");
      assertThat(get(connect.resolve("/connectors"))).isEqualTo("[]");
      assertThat(get(proxy.resolve("/topics"))).contains("\"orders\"");
      assertThat(get(console.resolve("/"))).contains("<title>Wharf console</title>");
      assertThat(get(console.resolve("/api/registry/subjects"))).isEqualTo("[]");

      assertThat(wharf.terminate(Duration.ofSeconds(60))).isZero();
      assertThat(wharf.stderr()).isEmpty();
    }

    // broker.port=0 picks a new port each start; the data directory carries the records over.
    try (WharfProcess wharf =
        WharfProcess.start("start", "--config", config.toString(), "--data-dir", data.toString())) {
      bootstrap = bootstrapFrom(wharf.awaitLine(line -> line.startsWith("Kafka "), STARTUP));
      wharf.awaitLine(line -> line.startsWith("Wharf is ready"), STARTUP);

      assertThat(consume(bootstrap, "orders", 1)).containsExactly("first order");
      assertThat(wharf.terminate(Duration.ofSeconds(60))).isZero();
    }
  }

  @Test
  void withBootstrapServersItUsesThatClusterAndStartsNoBroker(
      EmbeddedKafkaBroker broker, @TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");

    try (WharfProcess wharf =
        WharfProcess.start(
            "start",
            "--config",
            writeConfig(
                    dir,
                    "bootstrap.servers="
                        + broker.bootstrapServers()
                        + "\nconsole.enabled=false\n"
                        + FREE_SERVICE_PORTS)
                .toString(),
            "--data-dir",
            data.toString())) {
      String kafkaLine = wharf.awaitLine(line -> line.startsWith("Kafka "), STARTUP);
      // console.enabled=false: no console line comes before the ready line.
      assertThat(
              wharf.awaitLine(
                  line -> line.startsWith("Console ") || line.startsWith("Wharf is ready"),
                  STARTUP))
          .startsWith("Wharf is ready");

      assertThat(kafkaLine)
          .contains(broker.bootstrapServers())
          .contains("existing cluster")
          .contains(broker.clusterId());
      assertThat(data.resolve("kafka")).doesNotExist();
      assertThat(wharf.terminate(Duration.ofSeconds(60))).isZero();
    }
  }

  private static Path writeConfig(Path dir, String content) throws Exception {
    Path file = dir.resolve("external.properties");
    Files.writeString(file, content + "\n");
    return file;
  }

  /** "Connect http://127.0.0.1:40123" gives the URL. */
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

  /** "Kafka 127.0.0.1:40123 (embedded broker, ...)" gives "127.0.0.1:40123". */
  private static String bootstrapFrom(String kafkaLine) {
    return kafkaLine.substring("Kafka".length()).trim().split(" ")[0];
  }

  private static void produce(String bootstrap, String topic, String value) throws Exception {
    Map<String, Object> props =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      producer.send(new ProducerRecord<>(topic, value)).get();
    }
  }

  private static List<String> consume(String bootstrap, String topic, int expected) {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            "wharf-start-test",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class);
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}
