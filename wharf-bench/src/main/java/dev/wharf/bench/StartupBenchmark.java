package dev.wharf.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Start-up and footprint: {@code wharf start} against Apache Kafka's own broker ({@code
 * kafka-storage format} then {@code kafka-server-start}, i.e. {@code kafka.tools.StorageTool} and
 * {@code kafka.Kafka}) on the same jars and JVM flags. Both are timed from process launch until a
 * client's metadata request is answered, on a fresh data directory (cold) and on an existing one
 * (warm); memory is read after both have idled.
 */
final class StartupBenchmark implements Benchmark {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final String PEER = "Apache Kafka 4.3.1 broker";

  private final int rounds;

  StartupBenchmark(int rounds) {
    this.rounds = rounds;
  }

  @Override
  public String name() {
    return "startup";
  }

  @Override
  public List<Result> run(Path workDir) throws Exception {
    double[] wharfCold = new double[rounds];
    double[] peerCold = new double[rounds];
    double[] wharfWarm = new double[rounds];
    double[] peerWarm = new double[rounds];
    double[] wharfRss = new double[rounds];
    double[] peerRss = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      Path round = Files.createDirectories(workDir.resolve("startup-" + i));
      Startup wharf = wharf(round.resolve("wharf"));
      Startup peer = peer(round.resolve("kafka"));
      wharfCold[i] = wharf.coldSeconds;
      wharfWarm[i] = wharf.warmSeconds;
      wharfRss[i] = wharf.idleRssMib;
      peerCold[i] = peer.coldSeconds;
      peerWarm[i] = peer.warmSeconds;
      peerRss[i] = peer.idleRssMib;
      System.err.printf(
          "  round %d: wharf cold %.2fs warm %.2fs rss %.0fMiB | kafka cold %.2fs warm %.2fs rss"
              + " %.0fMiB%n",
          i + 1,
          wharf.coldSeconds,
          wharf.warmSeconds,
          wharf.idleRssMib,
          peer.coldSeconds,
          peer.warmSeconds,
          peer.idleRssMib);
    }
    return List.of(
        new Result(
            "time to serving, fresh data dir (`wharf start` vs format + start)",
            median(wharfCold),
            median(peerCold),
            "s",
            PEER,
            true),
        new Result(
            "time to serving, existing data dir (restart)",
            median(wharfWarm),
            median(peerWarm),
            "s",
            PEER,
            true),
        new Result(
            "idle RSS after start (10 s idle)",
            median(wharfRss),
            median(peerRss),
            "MiB",
            PEER,
            true));
  }

  private Startup wharf(Path dir) throws Exception {
    int port = freePort();
    Path config = dir.resolve("wharf.properties");
    Files.createDirectories(dir);
    Files.writeString(
        config, "broker.port=" + port + "\nbroker.controller.port=" + freePort() + "\n");
    String[] args = {
      "start", "--config", config.toString(), "--data-dir", dir.resolve("data").toString()
    };
    Timing cold =
        timeToServing(dir.resolve("cold.log"), port, false, "dev.wharf.server.Wharf", args);
    Timing warm =
        timeToServing(dir.resolve("warm.log"), port, true, "dev.wharf.server.Wharf", args);
    return new Startup(cold.seconds, warm.seconds, warm.idleRssMib);
  }

  private Startup peer(Path dir) throws Exception {
    int port = freePort();
    int controllerPort = freePort();
    Files.createDirectories(dir);
    Path properties = dir.resolve("server.properties");
    Files.writeString(
        properties,
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
            "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "log.dirs=" + dir.resolve("data"),
            "offsets.topic.replication.factor=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            ""));
    // Cold: what a user runs on a fresh directory, kafka-storage.sh format then
    // kafka-server-start.sh.
    long started = System.nanoTime();
    JavaProcess.run(
        dir.resolve("format.log"),
        "kafka.tools.StorageTool",
        "format",
        "-t",
        org.apache.kafka.common.Uuid.randomUuid().toString(),
        "-c",
        properties.toString());
    Timing cold =
        timeToServing(dir.resolve("cold.log"), port, false, "kafka.Kafka", properties.toString());
    double coldSeconds = cold.seconds + (cold.launchedNanos - started) / 1e9;
    Timing warm =
        timeToServing(dir.resolve("warm.log"), port, true, "kafka.Kafka", properties.toString());
    return new Startup(coldSeconds, warm.seconds, warm.idleRssMib);
  }

  private static Timing timeToServing(
      Path log, int port, boolean measureMemory, String mainClass, String... args)
      throws Exception {
    try (JavaProcess process = JavaProcess.start(log, List.of(), mainClass, args)) {
      long served = KafkaProbe.awaitServing("127.0.0.1:" + port, TIMEOUT);
      double seconds = (served - process.startedNanos()) / 1e9;
      double rss = 0;
      if (measureMemory) {
        Thread.sleep(10_000); // the figure is "memory once idle", so idle on purpose
        rss = process.rssMib();
      }
      return new Timing(seconds, rss, process.startedNanos());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** One launch: seconds from launch to serving, idle RSS if measured, launch time. */
  private record Timing(double seconds, double idleRssMib, long launchedNanos) {}

  /** One product's figures in one round. */
  private record Startup(double coldSeconds, double warmSeconds, double idleRssMib) {}
}
