package dev.wharf.bench;

import java.io.BufferedWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The same plugin on both runtimes: Apache's connect-file 4.3.1 {@code FileStreamSource} streaming
 * 1,000,000 lines of 100 bytes ({@code batch.size} 2000) into a topic, and {@code FileStreamSink}
 * writing 1,000,000 records to a file, on Wharf's Connect runtime and on Apache Kafka Connect
 * 4.3.1's, one after the other against the same broker, with the same worker properties file. Then
 * Wharf's own file connectors on Wharf's runtime against Apache's on Apache's. The raw
 * kafka-clients producer and consumer moving the same records give the limits.
 */
final class ConnectBenchmark implements Benchmark {
  static final int RECORDS = 1_000_000;
  private static final int LINE_BYTES = 100;
  static final Duration TIMEOUT = Duration.ofMinutes(10);
  private static final String PEER = "Apache Connect 4.3.1 runtime";
  static final String APACHE_SOURCE = "org.apache.kafka.connect.file.FileStreamSourceConnector";
  static final String APACHE_SINK = "org.apache.kafka.connect.file.FileStreamSinkConnector";
  private static final String WHARF_SOURCE = "dev.wharf.connect.file.FileStreamSourceConnector";
  private static final String WHARF_SINK = "dev.wharf.connect.file.FileStreamSinkConnector";

  private final int rounds;

  ConnectBenchmark(int rounds) {
    this.rounds = rounds;
  }

  @Override
  public String name() {
    return "connect";
  }

  @Override
  public List<Result> run(Path workDir) throws Exception {
    Files.createDirectories(workDir);
    Path input = lines(workDir.resolve("input.txt"));
    Path plugins = PeerConfigs.fileConnectorPlugins(workDir);
    try (BenchKafka kafka = BenchKafka.start(workDir)) {
      String sinkInput = "sink-input";
      kafka.createTopic(sinkInput, 1);
      double producerLimit = rawProduce(kafka.bootstrapServers(), sinkInput);
      double consumerLimit = RawClients.consume(kafka.bootstrapServers(), sinkInput, RECORDS);
      List<Double> wharfSource = new ArrayList<>();
      List<Double> wharfSink = new ArrayList<>();
      List<Double> apacheSource = new ArrayList<>();
      List<Double> apacheSink = new ArrayList<>();
      List<Double> nativeSource = new ArrayList<>();
      List<Double> nativeSink = new ArrayList<>();
      List<Double> wharfRss = new ArrayList<>();
      List<Double> apacheRss = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        for (boolean wharf :
            round % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
          String id = (wharf ? "wharf" : "apache") + "-" + round;
          int restPort = Ports.free();
          // Wharf also loads its own file connectors; class names keep the two plugins apart.
          String pluginPath =
              wharf
                  ? plugins + "," + WharfDistribution.home().resolve("plugins")
                  : plugins.toString();
          Path worker =
              PeerConfigs.worker(workDir, kafka.bootstrapServers(), restPort, id, pluginPath);
          Path log = workDir.resolve(id + ".log");
          try (JavaProcess process =
              wharf
                  ? JavaProcess.wharfService(workDir, id, "connect", worker)
                  : JavaProcess.start(
                      log,
                      List.of(),
                      "org.apache.kafka.connect.cli.ConnectDistributed",
                      worker.toString())) {
            URI rest = URI.create("http://127.0.0.1:" + restPort);
            RestCalls.awaitOk(rest.resolve("/connectors"), TIMEOUT);
            double source = source(kafka, rest, input, id, APACHE_SOURCE);
            double sink = sink(rest, sinkInput, workDir.resolve(id + "-out.txt"), id, APACHE_SINK);
            if (wharf) {
              String own = id + "-own";
              nativeSource.add(source(kafka, rest, input, own, WHARF_SOURCE));
              nativeSink.add(
                  sink(rest, sinkInput, workDir.resolve(own + "-out.txt"), own, WHARF_SINK));
              System.err.printf(
                  "  %s with its own file connectors: source %,.0f records/s, sink %,.0f records/s%n",
                  id, Stats.max(nativeSource), Stats.max(nativeSink));
            }
            (wharf ? wharfSource : apacheSource).add(source);
            (wharf ? wharfSink : apacheSink).add(sink);
            (wharf ? wharfRss : apacheRss).add(process.peakRssMib());
            System.err.printf(
                "  %s: source %,.0f records/s, sink %,.0f records/s, peak RSS %.0f MiB%n",
                id, source, sink, process.peakRssMib());
          }
        }
      }
      double bestWharfSource = Stats.max(wharfSource);
      return List.of(
          new Result(
              "FileStreamSource, 1M lines of 100 B",
              bestWharfSource,
              Stats.max(apacheSource),
              "records/s",
              PEER,
              false),
          new Result(
              "FileStreamSink, 1M records of 100 B",
              Stats.max(wharfSink),
              Stats.max(apacheSink),
              "records/s",
              PEER,
              false),
          new Result(
              "FileStreamSource vs the raw producer",
              bestWharfSource,
              producerLimit,
              "records/s",
              "kafka-clients producer (limit)",
              false),
          new Result(
              "FileStreamSink vs the raw consumer",
              Stats.max(wharfSink),
              consumerLimit,
              "records/s",
              "kafka-clients consumer (limit)",
              false),
          new Result(
              "Wharf's file source on Wharf vs Apache's on Apache",
              Stats.max(nativeSource),
              Stats.max(apacheSource),
              "records/s",
              "Apache FileStreamSource on Apache Connect",
              false),
          new Result(
              "Wharf's file sink on Wharf vs Apache's on Apache",
              Stats.max(nativeSink),
              Stats.max(apacheSink),
              "records/s",
              "Apache FileStreamSink on Apache Connect",
              false),
          new Result(
              "Wharf's file source vs the raw producer",
              Stats.max(nativeSource),
              producerLimit,
              "records/s",
              "kafka-clients producer (limit)",
              false),
          new Result(
              "worker peak RSS during all runs",
              Stats.median(wharfRss),
              Stats.median(apacheRss),
              "MiB",
              PEER,
              true));
    }
  }

  /** Records/s of a FileStreamSource reading {@code input} into a fresh topic. */
  static double source(BenchKafka kafka, URI rest, Path input, String id, String connectorClass)
      throws Exception {
    String topic = id + "-source";
    kafka.createTopic(topic, 1);
    String config =
        "{\"name\":\""
            + id
            + "-source\",\"config\":{\"connector.class\":\""
            + connectorClass
            + "\","
            + "\"tasks.max\":\"1\",\"batch.size\":\"2000\",\"file\":\""
            + input
            + "\",\"topic\":\""
            + topic
            + "\"}}";
    long start = System.nanoTime();
    RestCalls.require(201, "POST", rest.resolve("/connectors"), config);
    TopicPartition partition = new TopicPartition(topic, 0);
    long deadline = start + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      long end =
          kafka
              .admin()
              .listOffsets(Map.of(partition, OffsetSpec.latest()))
              .all()
              .get(30, TimeUnit.SECONDS)
              .get(partition)
              .offset();
      if (end >= RECORDS) {
        double seconds = (System.nanoTime() - start) / 1e9;
        RestCalls.require(204, "DELETE", rest.resolve("/connectors/" + id + "-source"), null);
        return RECORDS / seconds;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(id + ": the source did not finish within " + TIMEOUT);
  }

  /** Records/s of a FileStreamSink writing {@code topic} to {@code output}. */
  static double sink(URI rest, String topic, Path output, String id, String connectorClass)
      throws Exception {
    String config =
        "{\"name\":\""
            + id
            + "-sink\",\"config\":{\"connector.class\":\""
            + connectorClass
            + "\","
            + "\"tasks.max\":\"1\",\"file\":\""
            + output
            + "\",\"topics\":\""
            + topic
            + "\"}}";
    long expected = (long) RECORDS * LINE_BYTES;
    long start = System.nanoTime();
    RestCalls.require(201, "POST", rest.resolve("/connectors"), config);
    long deadline = start + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(output) && Files.size(output) >= expected) {
        double seconds = (System.nanoTime() - start) / 1e9;
        RestCalls.require(204, "DELETE", rest.resolve("/connectors/" + id + "-sink"), null);
        return RECORDS / seconds;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(id + ": the sink did not finish within " + TIMEOUT);
  }

  static Path lines(Path file) throws Exception {
    char[] line = new char[LINE_BYTES - 1];
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      for (int i = 0; i < RECORDS; i++) {
        Arrays.fill(line, (char) ('a' + i % 26));
        String number = Integer.toString(i);
        number.getChars(0, number.length(), line, 0);
        out.write(line);
        out.write('\n');
      }
    }
    return file;
  }

  /** Records/s of a tuned producer sending the same records (99-byte values). */
  static double rawProduce(String bootstrap, String topic) {
    byte[] value = new byte[LINE_BYTES - 1];
    Arrays.fill(value, (byte) 'x');
    return RawClients.produce(bootstrap, topic, RECORDS, new byte[][] {value});
  }
}
