package dev.wharf.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Connect clusters of Wharf worker processes on one broker: how long a killed worker's tasks take
 * to run elsewhere (against the bound, session timeout plus grace period), how a FileStream sink
 * over a 6-partition topic scales from one worker to three, and what exactly-once costs a
 * FileStream source against at-least-once.
 */
final class ClusterBenchmark implements Benchmark {
  private static final int SINK_RECORDS = 600_000;
  private static final int SOURCE_RECORDS = 500_000;
  private static final int LINE_BYTES = 100;
  private static final int SESSION_MS = 10_000;
  private static final int GRACE_MS = 10_000;
  private static final Duration TIMEOUT = Duration.ofMinutes(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final int rounds;
  private int clusters;

  ClusterBenchmark(int rounds) {
    this.rounds = rounds;
  }

  @Override
  public String name() {
    return "cluster";
  }

  @Override
  public List<Result> run(Path workDir) throws Exception {
    Files.createDirectories(workDir);
    Path plugins = PeerConfigs.fileConnectorPlugins(workDir);
    Path input = lines(workDir.resolve("input.txt"));
    try (BenchKafka kafka = BenchKafka.start(workDir)) {
      String bootstrap = kafka.bootstrapServers();
      kafka.createTopic("sink-input", 6);
      produce(bootstrap, "sink-input");

      List<Double> failovers = new ArrayList<>();
      List<Double> threeWorkers = new ArrayList<>();
      List<Double> oneWorker = new ArrayList<>();
      List<Double> exactlyOnce = new ArrayList<>();
      List<Double> atLeastOnce = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        oneWorker.add(sinkThroughput(workDir, bootstrap, plugins, 1, round));
        threeWorkers.add(sinkThroughput(workDir, bootstrap, plugins, 3, round));
        failovers.add(failover(workDir, bootstrap, plugins, round));
        atLeastOnce.add(sourceThroughput(workDir, kafka, bootstrap, plugins, input, false, round));
        exactlyOnce.add(sourceThroughput(workDir, kafka, bootstrap, plugins, input, true, round));
        System.err.printf(
            "  round %d: failover %.1f s; sink 1 worker %,.0f, 3 workers %,.0f records/s;"
                + " source at-least-once %,.0f, exactly-once %,.0f records/s%n",
            round,
            failovers.get(round),
            oneWorker.get(round),
            threeWorkers.get(round),
            atLeastOnce.get(round),
            exactlyOnce.get(round));
      }
      return List.of(
          new Result(
              "killed worker's tasks RUNNING elsewhere (median, SIGKILL, 3 workers, 6 tasks)",
              Stats.median(failovers),
              (SESSION_MS + GRACE_MS) / 1000.0,
              "s",
              "session.timeout.ms + scheduled.rebalance.max.delay.ms (bound)",
              true),
          new Result(
              "FileStreamSink, 6-partition topic, 6 tasks: 3 workers vs 1",
              Stats.max(threeWorkers),
              Stats.max(oneWorker),
              "records/s",
              "the same on 1 worker",
              false),
          new Result(
              "FileStreamSource, 1 worker: exactly-once (poll boundary) vs at-least-once",
              Stats.max(exactlyOnce),
              Stats.max(atLeastOnce),
              "records/s",
              "at-least-once (exactly.once.source.support=disabled)",
              false));
    }
  }

  /** A cluster of {@code size} worker processes; the caller closes them. */
  private List<Worker> cluster(
      Path workDir, String bootstrap, Path plugins, int size, boolean exactlyOnce)
      throws Exception {
    String id = "cluster-" + clusters++;
    List<Worker> workers = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      int port = Ports.free();
      Path properties =
          Files.writeString(
              workDir.resolve(id + "-" + i + ".properties"),
              String.join(
                  "\n",
                  "bootstrap.servers=" + bootstrap,
                  "group.id=" + id,
                  "listeners=http://127.0.0.1:" + port,
                  "key.converter=org.apache.kafka.connect.storage.StringConverter",
                  "value.converter=org.apache.kafka.connect.storage.StringConverter",
                  "config.storage.topic=" + id + "-configs",
                  "offset.storage.topic=" + id + "-offsets",
                  "status.storage.topic=" + id + "-status",
                  "offset.storage.partitions=1",
                  "status.storage.partitions=1",
                  "session.timeout.ms=" + SESSION_MS,
                  "scheduled.rebalance.max.delay.ms=" + GRACE_MS,
                  "exactly.once.source.support=" + (exactlyOnce ? "enabled" : "disabled"),
                  "plugin.path=" + plugins,
                  ""));
      JavaProcess process = JavaProcess.wharfService(workDir, id + "-" + i, "connect", properties);
      URI rest = URI.create("http://127.0.0.1:" + port);
      workers.add(new Worker(process, rest, "127.0.0.1:" + port));
      RestCalls.awaitOk(rest.resolve("/connectors"), TIMEOUT);
    }
    return workers;
  }

  private record Worker(JavaProcess process, URI rest, String id) {}

  /** Records/s of a 6-task FileStream sink draining the 6-partition topic. */
  private double sinkThroughput(Path workDir, String bootstrap, Path plugins, int size, int round)
      throws Exception {
    List<Worker> workers = cluster(workDir, bootstrap, plugins, size, false);
    try {
      Path output = workDir.resolve("sink-" + size + "-" + round + ".txt");
      URI rest = workers.get(0).rest();
      long start = System.nanoTime();
      // A fresh name, so a fresh consumer group that starts from the beginning of the topic.
      create(rest, "sink-" + size + "-" + round, sinkConfig(output, "6"));
      long expected = (long) SINK_RECORDS * LINE_BYTES;
      long deadline = start + TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        if (Files.exists(output) && Files.size(output) >= expected) {
          return SINK_RECORDS / ((System.nanoTime() - start) / 1e9);
        }
        Thread.sleep(50);
      }
      throw new IllegalStateException("the sink did not finish within " + TIMEOUT);
    } finally {
      stop(workers);
    }
  }

  /** Seconds from SIGKILL of a worker running tasks until all 6 tasks run on the others. */
  private double failover(Path workDir, String bootstrap, Path plugins, int round)
      throws Exception {
    List<Worker> workers = cluster(workDir, bootstrap, plugins, 3, false);
    try {
      URI rest = workers.get(0).rest();
      String name = "failover-" + round;
      create(rest, name, sinkConfig(workDir.resolve(name + ".txt"), "6"));
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      Map<Integer, String> owners = Map.of();
      while (System.nanoTime() < deadline) {
        owners = runningTasks(rest, name);
        if (owners.size() == 6 && owners.values().stream().distinct().count() == 3) {
          break;
        }
        Thread.sleep(100);
      }
      Worker victim = workers.get(2);
      long killed = System.nanoTime();
      victim.process().kill();
      while (System.nanoTime() < deadline) {
        Map<Integer, String> now = runningTasks(rest, name);
        if (now.size() == 6 && !now.containsValue(victim.id())) {
          return (System.nanoTime() - killed) / 1e9;
        }
        Thread.sleep(50);
      }
      throw new IllegalStateException("the tasks did not move within " + TIMEOUT);
    } finally {
      stop(workers);
    }
  }

  /** Records/s of a FileStream source on one worker, with or without exactly-once. */
  private double sourceThroughput(
      Path workDir,
      BenchKafka kafka,
      String bootstrap,
      Path plugins,
      Path input,
      boolean exactlyOnce,
      int round)
      throws Exception {
    List<Worker> workers = cluster(workDir, bootstrap, plugins, 1, exactlyOnce);
    try {
      String topic = "source-" + (exactlyOnce ? "eos" : "alo") + "-" + round;
      kafka.createTopic(topic, 1);
      Map<String, String> config = new HashMap<>();
      config.put("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector");
      config.put("file", input.toString());
      config.put("topic", topic);
      config.put("batch.size", "2000");
      URI rest = workers.get(0).rest();
      TopicPartition partition = new TopicPartition(topic, 0);
      long start = System.nanoTime();
      create(rest, "source-" + (exactlyOnce ? "eos" : "alo") + "-" + round, config);
      long deadline = start + TIMEOUT.toNanos();
      ListOffsetsOptions committed = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
      while (System.nanoTime() < deadline) {
        long end =
            kafka
                .admin()
                .listOffsets(Map.of(partition, OffsetSpec.latest()), committed)
                .all()
                .get(30, TimeUnit.SECONDS)
                .get(partition)
                .offset();
        // Transaction markers take offsets too: one per transaction, at most 0.1 % here.
        if (end >= SOURCE_RECORDS) {
          return SOURCE_RECORDS / ((System.nanoTime() - start) / 1e9);
        }
        Thread.sleep(50);
      }
      throw new IllegalStateException("the source did not finish within " + TIMEOUT);
    } finally {
      stop(workers);
    }
  }

  private static void stop(List<Worker> workers) throws InterruptedException {
    for (Worker worker : workers) {
      worker.process().close();
    }
  }

  private static Map<String, String> sinkConfig(Path output, String tasks) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector");
    config.put("file", output.toString());
    config.put("topics", "sink-input");
    config.put("tasks.max", tasks);
    return config;
  }

  private static void create(URI rest, String name, Map<String, String> config) throws IOException {
    RestCalls.require(
        201,
        "POST",
        rest.resolve("/connectors"),
        JSON.writeValueAsString(Map.of("name", name, "config", config)));
  }

  private static Map<Integer, String> runningTasks(URI rest, String connector) {
    Map<Integer, String> result = new HashMap<>();
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(rest.resolve("/connectors/" + connector + "/status"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return result;
      }
      for (JsonNode task : JSON.readTree(response.body()).get("tasks")) {
        if ("RUNNING".equals(task.get("state").asText())) {
          result.put(task.get("id").asInt(), task.get("worker_id").asText());
        }
      }
    } catch (IOException e) {
      return result;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return result;
  }

  private static void produce(String bootstrap, String topic) {
    // Keyed, so that the records spread over the six partitions.
    Map<String, Object> props = RawClients.tunedProducer(bootstrap);
    byte[] value = new byte[LINE_BYTES - 1];
    Arrays.fill(value, (byte) 'x');
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      for (int i = 0; i < SINK_RECORDS; i++) {
        producer.send(
            new ProducerRecord<>(
                topic, Integer.toString(i).getBytes(StandardCharsets.US_ASCII), value));
      }
      producer.flush();
    }
  }

  private static Path lines(Path file) throws IOException {
    char[] line = new char[LINE_BYTES - 1];
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      for (int i = 0; i < SOURCE_RECORDS; i++) {
        Arrays.fill(line, (char) ('a' + i % 26));
        String number = Integer.toString(i);
        number.getChars(0, number.length(), line, 0);
        out.write(line);
        out.write('\n');
      }
    }
    return file;
  }
}
