package dev.wharf.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Uuid;

/**
 * Start-up and footprint of the whole stack: {@code wharf start} (embedded broker, Connect and the
 * REST Proxy in one process) against Apache Kafka's broker plus Apache Kafka Connect's distributed
 * worker, started one after the other as a user would ({@code kafka-storage format}, {@code
 * kafka-server-start}, {@code connect-distributed}). Both are timed from the first launch until the
 * broker answers a client and Connect answers {@code GET /connectors}; memory is read once idle.
 */
final class StartupBenchmark implements Benchmark {
  private static final Duration TIMEOUT = Duration.ofSeconds(180);
  private static final String PEER = "Apache Kafka broker + Apache Connect 4.3.1 (2 JVMs)";

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
    List<Double> wharfCold = new ArrayList<>();
    List<Double> wharfWarm = new ArrayList<>();
    List<Double> wharfRss = new ArrayList<>();
    List<Double> peerCold = new ArrayList<>();
    List<Double> peerWarm = new ArrayList<>();
    List<Double> peerRss = new ArrayList<>();
    List<Double> wharfBroker = new ArrayList<>();
    List<Double> peerBroker = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      Path round = Files.createDirectories(workDir.resolve("round-" + i));
      double[] wharf = wharf(round.resolve("wharf"));
      double[] peer = peer(round.resolve("apache"));
      wharfCold.add(wharf[0]);
      wharfWarm.add(wharf[1]);
      wharfRss.add(wharf[2]);
      peerCold.add(peer[0]);
      peerWarm.add(peer[1]);
      peerRss.add(peer[2]);
      wharfBroker.add(wharf[3]);
      peerBroker.add(peer[3]);
      System.err.printf(
          "  round %d: wharf cold %.2fs warm %.2fs rss %.0fMiB | apache cold %.2fs warm %.2fs rss"
              + " %.0fMiB%n",
          i + 1, wharf[0], wharf[1], wharf[2], peer[0], peer[1], peer[2]);
    }
    return List.of(
        new Result(
            "broker answering a client, fresh data dir (format + start)",
            Stats.median(wharfBroker),
            Stats.median(peerBroker),
            "s",
            "Apache Kafka 4.3.1 broker",
            true),
        new Result(
            "time to ready, fresh data dir: broker + Connect (+ REST Proxy for Wharf)",
            Stats.median(wharfCold),
            Stats.median(peerCold),
            "s",
            PEER,
            true),
        new Result(
            "time to ready, restart on existing data",
            Stats.median(wharfWarm),
            Stats.median(peerWarm),
            "s",
            PEER,
            true),
        new Result(
            "idle RSS after start, all processes (10 s idle)",
            Stats.median(wharfRss),
            Stats.median(peerRss),
            "MiB",
            PEER,
            true));
  }

  /** Cold seconds, warm seconds, idle RSS, cold seconds until the broker answered. */
  private double[] wharf(Path dir) throws Exception {
    Files.createDirectories(dir);
    int port = Ports.free();
    int connectPort = Ports.free();
    Path config = dir.resolve("wharf.properties");
    Files.writeString(
        config,
        String.join(
            "\n",
            "broker.port=" + port,
            "broker.controller.port=" + Ports.free(),
            "connect.listeners=http://127.0.0.1:" + connectPort,
            "proxy.listeners=http://127.0.0.1:" + Ports.free(),
            ""));
    String[] args = {
      "start", "--config", config.toString(), "--data-dir", dir.resolve("data").toString()
    };
    double[] result = new double[4];
    for (int attempt = 0; attempt < 2; attempt++) {
      try (JavaProcess wharf = JavaProcess.wharf(dir.resolve("run-" + attempt + ".log"), args)) {
        long serving = KafkaProbe.awaitServing("127.0.0.1:" + port, TIMEOUT);
        if (attempt == 0) {
          result[3] = (serving - wharf.startedNanos()) / 1e9;
        }
        long ready =
            RestCalls.awaitOk(
                URI.create("http://127.0.0.1:" + connectPort + "/connectors"), TIMEOUT);
        result[attempt] = (ready - wharf.startedNanos()) / 1e9;
        if (attempt == 1) {
          Thread.sleep(10_000); // the figure is memory once idle
          result[2] = wharf.rssMib();
        }
      }
    }
    return result;
  }

  /**
   * Cold seconds, warm seconds, idle RSS (broker + worker), cold seconds until the broker answered.
   */
  private double[] peer(Path dir) throws Exception {
    Files.createDirectories(dir);
    int port = Ports.free();
    int connectPort = Ports.free();
    Path server = PeerConfigs.broker(dir, port, Ports.free());
    Path worker =
        PeerConfigs.worker(
            dir,
            "127.0.0.1:" + port,
            connectPort,
            "startup",
            Files.createDirectories(dir.resolve("plugins")).toString());
    double[] result = new double[4];
    for (int attempt = 0; attempt < 2; attempt++) {
      long started = System.nanoTime();
      if (attempt == 0) {
        JavaProcess.run(
            dir.resolve("format.log"),
            "kafka.tools.StorageTool",
            "format",
            "-t",
            Uuid.randomUuid().toString(),
            "-c",
            server.toString());
      }
      try (JavaProcess broker =
          JavaProcess.start(
              dir.resolve("broker-" + attempt + ".log"),
              List.of(),
              "kafka.Kafka",
              server.toString())) {
        long serving = KafkaProbe.awaitServing("127.0.0.1:" + port, TIMEOUT);
        if (attempt == 0) {
          result[3] = (serving - started) / 1e9;
        }
        try (JavaProcess connect =
            JavaProcess.start(
                dir.resolve("connect-" + attempt + ".log"),
                List.of(),
                "org.apache.kafka.connect.cli.ConnectDistributed",
                worker.toString())) {
          long ready =
              RestCalls.awaitOk(
                  URI.create("http://127.0.0.1:" + connectPort + "/connectors"), TIMEOUT);
          result[attempt] = (ready - started) / 1e9;
          if (attempt == 1) {
            Thread.sleep(10_000);
            result[2] = broker.rssMib() + connect.rssMib();
          }
        }
      }
    }
    return result;
  }
}
