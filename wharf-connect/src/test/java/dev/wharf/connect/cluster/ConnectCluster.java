package dev.wharf.connect.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.connect.ConnectConfig;
import dev.wharf.connect.ConnectRuntime;
import dev.wharf.connect.testing.Http;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * N Connect workers in one JVM forming one cluster on the shared broker: same group.id and internal
 * topics, REST on port 0, short session timeouts so that failover tests run in seconds.
 */
final class ConnectCluster implements AutoCloseable {
  private final Map<String, String> props = new HashMap<>();
  private final List<ConnectRuntime> workers = new ArrayList<>();
  private final List<ConnectRuntime> zombies = new ArrayList<>();

  ConnectCluster(EmbeddedKafkaBroker broker, Map<String, String> overrides) {
    String prefix = "cluster-" + UUID.randomUUID();
    props.put("bootstrap.servers", broker.bootstrapServers());
    props.put("group.id", prefix);
    props.put("listeners", "http://127.0.0.1:0");
    props.put("config.storage.topic", prefix + "-configs");
    props.put("offset.storage.topic", prefix + "-offsets");
    props.put("status.storage.topic", prefix + "-status");
    props.put("offset.storage.partitions", "3");
    props.put("status.storage.partitions", "1");
    props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("offset.flush.interval.ms", "300");
    props.put("session.timeout.ms", "6000");
    props.put("heartbeat.interval.ms", "1000");
    props.put("scheduled.rebalance.max.delay.ms", "2000");
    props.put("plugin.path", pluginDir().toString());
    props.putAll(overrides);
  }

  /** Starts one more worker; returns once it has its first assignment. */
  ConnectRuntime start() {
    return start(0);
  }

  /** Starts a worker on a given REST port (0 for any). */
  ConnectRuntime start(int port) {
    Map<String, String> config = new HashMap<>(props);
    config.put("listeners", "http://127.0.0.1:" + port);
    ConnectRuntime worker = ConnectRuntime.distributed(ConnectConfig.parse("test", config));
    workers.add(worker);
    return worker;
  }

  /** A worker property every worker of this cluster shares, such as {@code group.id}. */
  String property(String key) {
    return props.get(key);
  }

  List<ConnectRuntime> workers() {
    return List.copyOf(workers);
  }

  Http http(ConnectRuntime worker) {
    return new Http(worker.url());
  }

  /** A worker that is not the leader. */
  ConnectRuntime follower() {
    return workers.stream()
        .filter(w -> !w.membership().orElseThrow().isLeader())
        .findFirst()
        .orElseThrow();
  }

  ConnectRuntime byWorkerId(String workerId) {
    return workers.stream()
        .filter(w -> w.membership().orElseThrow().workerId().equals(workerId))
        .findFirst()
        .orElseThrow();
  }

  /** Leaves gracefully. */
  void stop(ConnectRuntime worker) {
    workers.remove(worker);
    worker.close();
  }

  /** Stops heartbeating without leaving, as a crash would. */
  void crash(ConnectRuntime worker) {
    workers.remove(worker);
    worker.crash();
  }

  /** Loses the worker's membership but keeps its tasks running, until {@link #close()}. */
  void zombie(ConnectRuntime worker) {
    workers.remove(worker);
    zombies.add(worker);
    worker.loseMembership();
  }

  /**
   * Sends an internal request to a worker signed as another worker would (KIP-507): the HMAC of the
   * body with the latest session key of the config topic.
   */
  java.net.http.HttpResponse<String> signed(
      EmbeddedKafkaBroker broker, ConnectRuntime worker, String method, String path, byte[] body)
      throws Exception {
    byte[] key = null;
    for (org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record :
        dev.wharf.connect.testing.Topics.records(
            broker.bootstrapServers(), props.get("config.storage.topic"))) {
      if ("session-key".equals(record.key()) && record.value() != null) {
        key =
            java.util.Base64.getDecoder()
                .decode(
                    new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(record.value())
                        .get("key")
                        .asText());
      }
    }
    if (key == null) {
      throw new IllegalStateException("no session key in the config topic yet");
    }
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
    java.net.http.HttpRequest request =
        java.net.http.HttpRequest.newBuilder(worker.url().resolve(path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header(
                "X-Connect-Authorization",
                java.util.Base64.getEncoder().encodeToString(mac.doFinal(body)))
            .header("X-Connect-Request-Signature-Algorithm", "HmacSHA256")
            .method(method, java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return java.net.http.HttpClient.newHttpClient()
        .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  /** Every value of the topic a {@code read_committed} consumer sees, in order per partition. */
  static List<String> committedValues(EmbeddedKafkaBroker broker, String topic) {
    List<String> values = new ArrayList<>();
    committedRecords(broker, topic).forEach(r -> values.add(r.value()));
    return values;
  }

  /** Every record of the topic a {@code read_committed} consumer sees, in order per partition. */
  static List<ConsumerRecord<String, String>> committedRecords(
      EmbeddedKafkaBroker broker, String topic) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic, Duration.ofSeconds(10))
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.currentTimeMillis() + 30_000;
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
          && System.currentTimeMillis() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  /** A producer with {@code transactionalId}, as a zombie task instance would hold it. */
  static KafkaProducer<String, String> transactionalProducer(
      EmbeddedKafkaBroker broker, String transactionalId) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    return new KafkaProducer<>(config);
  }

  /** Task number → worker id, as {@code GET /connectors/{name}/status} reports RUNNING tasks. */
  static Map<Integer, String> runningTasks(Http http, String connector) {
    Map<Integer, String> result = new HashMap<>();
    Http.Response response = http.get("/connectors/" + connector + "/status");
    if (response.status() != 200) {
      return result;
    }
    for (JsonNode task : response.json().get("tasks")) {
      if ("RUNNING".equals(task.get("state").asText())) {
        result.put(task.get("id").asInt(), task.get("worker_id").asText());
      }
    }
    return result;
  }

  /** Worker id → number of RUNNING tasks over every connector, from {@code ?expand=status}. */
  static Map<String, Integer> tasksPerWorker(Http http) {
    Map<String, Integer> counts = new HashMap<>();
    JsonNode all = http.get("/connectors?expand=status").json();
    Iterator<JsonNode> connectors = all.elements();
    while (connectors.hasNext()) {
      for (JsonNode task : connectors.next().get("status").get("tasks")) {
        if ("RUNNING".equals(task.get("state").asText())) {
          counts.merge(task.get("worker_id").asText(), 1, Integer::sum);
        }
      }
    }
    return counts;
  }

  private static Path pluginDir() {
    try {
      Path plugins = Files.createTempDirectory("wharf-plugins");
      Path jar = Path.of(System.getProperty("wharf.test.connectFileJar"));
      Files.createDirectories(plugins.resolve("connect-file"));
      Files.copy(jar, plugins.resolve("connect-file").resolve("connect-file-4.3.1.jar"));
      return plugins;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    for (ConnectRuntime worker : workers) {
      worker.close();
    }
    workers.clear();
    zombies.forEach(ConnectRuntime::close);
    zombies.clear();
  }
}
