package dev.wharf.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Wharf's JDBC connectors, run from the distribution against an embedded PostgreSQL and broker,
 * against the plain-JDBC limits measured in the same run, once with JSON with schemas
 * (JsonConverter's envelope) and once with schemaless JSON. Source: 1,000,000 rows (id, three text
 * columns, a timestamp) copied in incrementing mode into a topic, against a streaming SELECT (fetch
 * size 10,000) whose rows are written as the same JSON by a tuned raw producer. Sink: those
 * 1,000,000 records upserted by primary key into an empty table, against plain JDBC batched upserts
 * of the same rows (3,000 per batch and commit). Both sides use {@code reWriteBatchedInserts=true}.
 *
 * <p>Every phase first runs once untimed, on both sides: a worker runs for days, and without that
 * warm-up its JIT compiler alone spends 2-5 µs of CPU per row in each one-million-row phase (more
 * than the limit's own code per row), which says more about a fresh JVM than about the connectors.
 * Each phase prints the CPU it used per row, the worker's by thread group.
 */
final class JdbcBenchmark implements Benchmark {
  private static final int ROWS = 1_000_000;
  private static final int BATCH = 3000;
  private static final Duration TIMEOUT = Duration.ofMinutes(10);
  private static final String COLUMNS =
      "(id BIGINT PRIMARY KEY, a TEXT NOT NULL, b TEXT NOT NULL, c TEXT NOT NULL,"
          + " at TIMESTAMP NOT NULL)";
  private static final String UPSERT =
      "INSERT INTO %s (id,a,b,c,at) VALUES (?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET"
          + " a=EXCLUDED.a,b=EXCLUDED.b,c=EXCLUDED.c,at=EXCLUDED.at";
  // The envelope JsonConverter writes for the source's rows (schemas.enable=true).
  private static final String SCHEMA =
      "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,"
          + "\"field\":\"id\"},{\"type\":\"string\",\"optional\":false,\"field\":\"a\"},"
          + "{\"type\":\"string\",\"optional\":false,\"field\":\"b\"},{\"type\":\"string\","
          + "\"optional\":false,\"field\":\"c\"},{\"type\":\"int64\",\"optional\":false,"
          + "\"name\":\"org.apache.kafka.connect.data.Timestamp\",\"version\":1,\"field\":\"at\"}],"
          + "\"optional\":false,\"name\":\"src\"},\"payload\":";

  private final int rounds;

  JdbcBenchmark(int rounds) {
    this.rounds = rounds;
  }

  @Override
  public String name() {
    return "jdbc";
  }

  @Override
  public List<Result> run(Path workDir) throws Exception {
    Files.createDirectories(workDir);
    try (EmbeddedPostgres postgres =
            EmbeddedPostgres.builder().setDataDirectory(workDir.resolve("pg")).start();
        BenchKafka kafka = BenchKafka.start(workDir)) {
      String url =
          "jdbc:postgresql://127.0.0.1:"
              + postgres.getPort()
              + "/postgres?user=postgres&reWriteBatchedInserts=true";
      System.err.println("  filling the source table with " + ROWS + " rows...");
      execute(
          url,
          "CREATE TABLE src " + COLUMNS,
          "INSERT INTO src SELECT g, md5(g::text), md5((g + 1)::text), md5((g + 2)::text),"
              + " TIMESTAMP '2026-01-01' + g * INTERVAL '1 millisecond'"
              + " FROM generate_series(1, "
              + ROWS
              + ") g",
          "VACUUM ANALYZE src",
          "CREATE TABLE dst " + COLUMNS);
      int restPort = Ports.free();
      Path worker =
          PeerConfigs.worker(
              workDir,
              kafka.bootstrapServers(),
              restPort,
              "wharf-jdbc",
              WharfDistribution.home().resolve("plugins").toString());
      // [0]: JSON with schemas (JsonConverter's envelope), [1]: schemaless JSON.
      List<List<Double>> wharfSource = List.of(new ArrayList<>(), new ArrayList<>());
      List<List<Double>> limitSource = List.of(new ArrayList<>(), new ArrayList<>());
      List<List<Double>> wharfSink = List.of(new ArrayList<>(), new ArrayList<>());
      List<Double> limitSink = new ArrayList<>();
      try (JavaProcess wharf = JavaProcess.wharfService(workDir, "wharf", "connect", worker)) {
        URI rest = URI.create("http://127.0.0.1:" + restPort);
        RestCalls.awaitOk(rest.resolve("/connectors"), TIMEOUT);
        // Round -1 warms both sides up, untimed (see the class comment).
        for (int round = -1; round < rounds; round++) {
          for (int format = 0; format < 2; format++) {
            boolean schemas = format == 0;
            String prefix = (schemas ? "jdbc-" : "json-") + (round < 0 ? "w" : round) + "-";
            String topic = prefix + "src";
            kafka.createTopic(topic, 1);
            Cpu cpu = new Cpu(wharf);
            wharfSource.get(format).add(wharfSource(kafka, rest, url, prefix, schemas));
            cpu.report("source, " + (schemas ? "JSON with schemas" : "schemaless") + ", Wharf");
            String limitTopic = "limit-" + prefix;
            kafka.createTopic(limitTopic, 1);
            cpu = new Cpu(wharf);
            limitSource
                .get(format)
                .add(limitSource(url, kafka.bootstrapServers(), limitTopic, schemas));
            cpu.report("source, " + (schemas ? "JSON with schemas" : "schemaless") + ", limit");
            execute(url, "TRUNCATE dst");
            cpu = new Cpu(wharf);
            wharfSink.get(format).add(wharfSink(rest, url, prefix, topic, schemas));
            cpu.report("sink, " + (schemas ? "JSON with schemas" : "schemaless") + ", Wharf");
          }
          execute(url, "TRUNCATE dst");
          Cpu cpu = new Cpu(wharf);
          limitSink.add(limitSink(url));
          cpu.report("sink, limit");
          int last = limitSink.size() - 1;
          System.err.printf(
              "  round %s: source %,.0f / %,.0f (schemaless) vs limit %,.0f / %,.0f rows/s;"
                  + " sink %,.0f / %,.0f (schemaless) vs limit %,.0f rows/s%n",
              round < 0 ? "warm-up (not counted)" : String.valueOf(round),
              wharfSource.get(0).get(last),
              wharfSource.get(1).get(last),
              limitSource.get(0).get(last),
              limitSource.get(1).get(last),
              wharfSink.get(0).get(last),
              wharfSink.get(1).get(last),
              limitSink.get(last));
          if (round < 0) {
            Stream.of(wharfSource, limitSource, wharfSink)
                .flatMap(List::stream)
                .forEach(List::clear);
            limitSink.clear();
          }
        }
      }
      String source = "streaming SELECT + raw producer (limit)";
      String sink = "plain JDBC batched upserts (limit)";
      return List.of(
          new Result(
              "JDBC source, 1M PostgreSQL rows into Kafka, JSON with schemas",
              Stats.max(wharfSource.get(0)),
              Stats.max(limitSource.get(0)),
              "rows/s",
              source,
              false),
          new Result(
              "JDBC source, 1M PostgreSQL rows into Kafka, schemaless JSON",
              Stats.max(wharfSource.get(1)),
              Stats.max(limitSource.get(1)),
              "rows/s",
              source,
              false),
          new Result(
              "JDBC sink, 1M records upserted into PostgreSQL, JSON with schemas",
              Stats.max(wharfSink.get(0)),
              Stats.max(limitSink),
              "rows/s",
              sink,
              false),
          new Result(
              "JDBC sink, 1M records upserted into PostgreSQL, schemaless JSON",
              Stats.max(wharfSink.get(1)),
              Stats.max(limitSink),
              "rows/s",
              sink,
              false));
    }
  }

  private static double wharfSource(
      BenchKafka kafka, URI rest, String url, String prefix, boolean schemas) throws Exception {
    String name = prefix + "source";
    String topic = prefix + "src";
    String config =
        "{\"name\":\""
            + name
            + "\",\"config\":{\"connector.class\":\"io.confluent.connect.jdbc.JdbcSourceConnector\","
            + "\"connection.url\":\""
            + url
            + "\",\"mode\":\"incrementing\",\"incrementing.column.name\":\"id\","
            + "\"table.whitelist\":\"src\",\"topic.prefix\":\""
            + prefix
            + "\",\"value.converter.schemas.enable\":\""
            + schemas
            + "\",\"batch.max.rows\":\"2000\",\"poll.interval.ms\":\"1000\","
            // The limit's producer settings, as a user tuning for throughput would set them.
            + "\"producer.override.linger.ms\":\"5\","
            + "\"producer.override.batch.size\":\"262144\","
            + "\"value.converter\":\"org.apache.kafka.connect.json.JsonConverter\"}}";
    long start = System.nanoTime();
    RestCalls.require(201, "POST", rest.resolve("/connectors"), config);
    TopicPartition partition = new TopicPartition(topic, 0);
    long deadline = start + TIMEOUT.toNanos();
    SteadyRate rate = new SteadyRate(start);
    while (System.nanoTime() < deadline) {
      long end =
          kafka
              .admin()
              .listOffsets(Map.of(partition, OffsetSpec.latest()))
              .all()
              .get(30, TimeUnit.SECONDS)
              .get(partition)
              .offset();
      if (rate.seen(end)) {
        RestCalls.require(204, "DELETE", rest.resolve("/connectors/" + name), null);
        return rate.perSecond();
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(name + " did not finish within " + TIMEOUT);
  }

  /** A streaming SELECT whose rows a tuned raw producer sends as the connector's JSON. */
  private static double limitSource(String url, String bootstrap, String topic, boolean schemas)
      throws Exception {
    Map<String, Object> props = RawClients.tunedProducer(bootstrap);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props);
        Connection connection = DriverManager.getConnection(url)) {
      producer.partitionsFor(topic);
      long start = System.nanoTime();
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.setFetchSize(10_000);
        try (ResultSet rs = statement.executeQuery("SELECT * FROM src WHERE id > -1 ORDER BY id")) {
          StringBuilder json = new StringBuilder(512);
          while (rs.next()) {
            json.setLength(0);
            if (schemas) {
              json.append(SCHEMA);
            }
            json.append("{\"id\":")
                .append(rs.getLong(1))
                .append(",\"a\":\"")
                .append(rs.getString(2))
                .append("\",\"b\":\"")
                .append(rs.getString(3))
                .append("\",\"c\":\"")
                .append(rs.getString(4))
                .append("\",\"at\":")
                .append(rs.getTimestamp(5).getTime())
                .append(schemas ? "}}" : "}");
            producer.send(
                new ProducerRecord<>(topic, json.toString().getBytes(StandardCharsets.UTF_8)));
          }
        }
      }
      connection.commit();
      producer.flush();
      return ROWS / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static double wharfSink(
      URI rest, String url, String prefix, String topic, boolean schemas) throws Exception {
    String name = prefix + "sink";
    String config =
        "{\"name\":\""
            + name
            + "\",\"config\":{\"connector.class\":\"io.confluent.connect.jdbc.JdbcSinkConnector\","
            + "\"connection.url\":\""
            + url
            + "\",\"topics\":\""
            + topic
            + "\",\"table.name.format\":\"dst\",\"insert.mode\":\"upsert\","
            + "\"pk.mode\":\"record_value\",\"pk.fields\":\"id\",\"batch.size\":\""
            + BATCH
            + "\",\"consumer.override.max.poll.records\":\""
            + BATCH
            + "\",\"value.converter\":\"org.apache.kafka.connect.json.JsonConverter\","
            + "\"value.converter.schemas.enable\":\""
            + schemas
            + "\"}}";
    long start = System.nanoTime();
    RestCalls.require(201, "POST", rest.resolve("/connectors"), config);
    long deadline = start + TIMEOUT.toNanos();
    SteadyRate rate = new SteadyRate(start);
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      while (System.nanoTime() < deadline) {
        // Rows arrive in id order (one partition, one task): the last id is the PK's, no scan.
        try (ResultSet rs = statement.executeQuery("SELECT coalesce(max(id), 0) FROM dst")) {
          rs.next();
          if (rate.seen(rs.getLong(1))) {
            RestCalls.require(204, "DELETE", rest.resolve("/connectors/" + name), null);
            return rate.perSecond();
          }
        }
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException(name + " did not finish within " + TIMEOUT);
  }

  /** Plain JDBC batched upserts of the same rows, a commit per batch. */
  private static double limitSink(String url) throws SQLException {
    long base = Timestamp.valueOf("2026-01-01 00:00:00").getTime();
    try (Connection connection = DriverManager.getConnection(url);
        PreparedStatement upsert = connection.prepareStatement(UPSERT.formatted("dst"))) {
      connection.setAutoCommit(false);
      long start = System.nanoTime();
      for (int id = 1; id <= ROWS; id++) {
        upsert.setLong(1, id);
        upsert.setString(2, text(id));
        upsert.setString(3, text(id + 1));
        upsert.setString(4, text(id + 2));
        upsert.setTimestamp(5, new Timestamp(base + id));
        upsert.addBatch();
        if (id % BATCH == 0 || id == ROWS) {
          upsert.executeBatch();
          connection.commit();
        }
      }
      return ROWS / ((System.nanoTime() - start) / 1e9);
    }
  }

  /**
   * Throughput once rows flow: timed from the first observation of some rows to the last row, so
   * the connector's start-up (REST call, task start, consumer group join, about a second) is not
   * counted; the limits have none.
   */
  private static final class SteadyRate {
    private final long start;
    private long firstAt;
    private long firstCount = -1;
    private long endAt;

    SteadyRate(long start) {
      this.start = start;
    }

    /** Records an observation of {@code count} rows; true once all rows are there. */
    boolean seen(long count) {
      long now = System.nanoTime();
      if (firstCount < 0 && count > 0) {
        firstAt = now;
        firstCount = count;
      }
      endAt = now;
      return count >= ROWS;
    }

    double perSecond() {
      if (firstCount >= ROWS || endAt == firstAt) {
        return ROWS / ((endAt - start) / 1e9);
      }
      return (ROWS - firstCount) / ((endAt - firstAt) / 1e9);
    }
  }

  /**
   * CPU time per row outside PostgreSQL over one phase, printed as it ends: the worker's process
   * and this JVM (the broker, the limit's code, the benchmark's polling), so that a phase's cost is
   * comparable across runs on a loaded machine, where rows/s are not.
   */
  private static final class Cpu {
    private final JavaProcess wharf;
    private final double wharfStart;
    private final double benchStart;
    private final Map<String, Double> threadsStart;

    Cpu(JavaProcess wharf) {
      this.wharf = wharf;
      this.wharfStart = wharf.cpuSeconds();
      this.benchStart = benchCpuSeconds();
      this.threadsStart = wharf.threadCpuSeconds();
    }

    void report(String phase) {
      double worker = (wharf.cpuSeconds() - wharfStart) * 1e6 / ROWS;
      double bench = (benchCpuSeconds() - benchStart) * 1e6 / ROWS;
      System.err.printf(
          "  CPU per row, %s: %.2f µs worker + %.2f µs benchmark JVM (broker, limit) = %.2f µs%n",
          phase, worker, bench, worker + bench);
      if (worker > 0.5) {
        // The worker's busiest threads: the task's own work against JIT, GC and the clients.
        StringBuilder top = new StringBuilder("    worker threads, µs per row:");
        wharf.threadCpuSeconds().entrySet().stream()
            .map(
                e ->
                    Map.entry(
                        e.getKey(), e.getValue() - threadsStart.getOrDefault(e.getKey(), 0.0)))
            .filter(e -> e.getValue() * 1e6 / ROWS >= 0.1)
            .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
            .forEach(
                e -> top.append(String.format(" %s %.2f;", e.getKey(), e.getValue() * 1e6 / ROWS)));
        System.err.println(top);
      }
    }

    private static double benchCpuSeconds() {
      return ((com.sun.management.OperatingSystemMXBean)
                  java.lang.management.ManagementFactory.getOperatingSystemMXBean())
              .getProcessCpuTime()
          / 1e9;
    }
  }

  /** 32 characters, like the md5 text of the source rows. */
  private static String text(long id) {
    String digits = Long.toHexString(id * 0x9E3779B97F4A7C15L);
    return (digits + "0123456789abcdef0123456789abcdef").substring(0, 32);
  }

  private static void execute(String url, String... sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      for (String one : sql) {
        statement.execute(one);
      }
    }
  }
}
