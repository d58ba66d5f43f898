package dev.wharf.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What observability costs: the {@code connect} benchmark's FileStream source (1,000,000 lines of
 * 100 bytes) and sink (1,000,000 records), with Apache's connect-file plugin, on Wharf's worker as
 * shipped (per-task metrics and per-connector log capture on) against the same worker with {@code
 * metrics.enabled=false} and {@code connector.logs.enabled=false}. Rounds alternate which side goes
 * first; the table gives each side's best round and, since a 3 % goal is within one round's noise
 * on a shared machine, the median round too.
 */
final class ObservabilityBenchmark implements Benchmark {
  private static final String OFF = "metrics.enabled=false, connector.logs.enabled=false";

  private final int rounds;

  ObservabilityBenchmark(int rounds) {
    this.rounds = rounds;
  }

  @Override
  public String name() {
    return "observability";
  }

  /** Worker CPU time per record moved, in microseconds: less sensitive to other load than rates. */
  private static double microsPerRecord(double cpuSeconds) {
    return cpuSeconds * 1e6 / ConnectBenchmark.RECORDS;
  }

  @Override
  public List<Result> run(Path workDir) throws Exception {
    Files.createDirectories(workDir);
    Path input = ConnectBenchmark.lines(workDir.resolve("input.txt"));
    Path plugins = PeerConfigs.fileConnectorPlugins(workDir);
    try (BenchKafka kafka = BenchKafka.start(workDir)) {
      String sinkInput = "sink-input";
      kafka.createTopic(sinkInput, 1);
      ConnectBenchmark.rawProduce(kafka.bootstrapServers(), sinkInput);
      List<Double> onSource = new ArrayList<>();
      List<Double> onSink = new ArrayList<>();
      List<Double> offSource = new ArrayList<>();
      List<Double> offSink = new ArrayList<>();
      List<Double> onSourceCpu = new ArrayList<>();
      List<Double> onSinkCpu = new ArrayList<>();
      List<Double> offSourceCpu = new ArrayList<>();
      List<Double> offSinkCpu = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        for (boolean on :
            round % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
          String id = (on ? "on" : "off") + "-" + round;
          int restPort = Ports.free();
          Path worker =
              PeerConfigs.worker(
                  workDir, kafka.bootstrapServers(), restPort, id, plugins.toString());
          if (!on) {
            Files.writeString(
                worker,
                "metrics.enabled=false\nconnector.logs.enabled=false\n",
                StandardOpenOption.APPEND);
          }
          try (JavaProcess process = JavaProcess.wharfService(workDir, id, "connect", worker)) {
            URI rest = URI.create("http://127.0.0.1:" + restPort);
            RestCalls.awaitOk(rest.resolve("/connectors"), ConnectBenchmark.TIMEOUT);
            double cpuBefore = process.cpuSeconds();
            double source =
                ConnectBenchmark.source(kafka, rest, input, id, ConnectBenchmark.APACHE_SOURCE);
            double cpuBetween = process.cpuSeconds();
            double sink =
                ConnectBenchmark.sink(
                    rest,
                    sinkInput,
                    workDir.resolve(id + "-out.txt"),
                    id,
                    ConnectBenchmark.APACHE_SINK);
            double cpuAfter = process.cpuSeconds();
            double sourceCpu = microsPerRecord(cpuBetween - cpuBefore);
            double sinkCpu = microsPerRecord(cpuAfter - cpuBetween);
            (on ? onSource : offSource).add(source);
            (on ? onSink : offSink).add(sink);
            (on ? onSourceCpu : offSourceCpu).add(sourceCpu);
            (on ? onSinkCpu : offSinkCpu).add(sinkCpu);
            System.err.printf(
                "  observability %s: source %,.0f records/s (%.2f CPU us/record), sink %,.0f"
                    + " records/s (%.2f CPU us/record)%n",
                on ? "on" : "off", source, sourceCpu, sink, sinkCpu);
          }
        }
      }
      return List.of(
          new Result(
              "FileStreamSource, metrics + log capture on vs off",
              Stats.max(onSource),
              Stats.max(offSource),
              "records/s",
              OFF,
              false),
          new Result(
              "FileStreamSink, metrics + log capture on vs off",
              Stats.max(onSink),
              Stats.max(offSink),
              "records/s",
              OFF,
              false),
          new Result(
              "FileStreamSource, on vs off (median round)",
              Stats.median(onSource),
              Stats.median(offSource),
              "records/s",
              OFF,
              false),
          new Result(
              "FileStreamSink, on vs off (median round)",
              Stats.median(onSink),
              Stats.median(offSink),
              "records/s",
              OFF,
              false),
          new Result(
              "FileStreamSource, worker CPU per record, on vs off (median)",
              Stats.median(onSourceCpu),
              Stats.median(offSourceCpu),
              "us/record",
              OFF,
              true),
          new Result(
              "FileStreamSink, worker CPU per record, on vs off (median)",
              Stats.median(onSinkCpu),
              Stats.median(offSinkCpu),
              "us/record",
              OFF,
              true));
    }
  }
}
