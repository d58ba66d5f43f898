package dev.wharf.connect.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.connect.testing.ConnectFixture;
import dev.wharf.connect.testing.Topics;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a worker running the file sink with SIGKILL while records stream in: every record whose
 * offset was committed must already be in the file, and after a restart the file holds every
 * record, with duplicates only of records after the last commit.
 */
@ExtendWith(SharedKafkaBroker.class)
class SinkCrashIT {
  /** Records the sink has committed before the worker is killed. */
  private static final int COMMITTED_BEFORE_KILL = 3_000;

  private static final int MAX_RECORDS = 500_000;

  private final EmbeddedKafkaBroker broker;
  @TempDir Path dir;

  SinkCrashIT(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  @Test
  void killedWorkerLosesNoCommittedRecordAndDuplicatesOnlyUncommittedOnes() throws Exception {
    String prefix = "file-sink-crash";
    String topic = prefix + "-in";
    String name = "crash-sink";
    Path out = dir.resolve("out.txt");
    Topics.create(broker.bootstrapServers(), topic, 1);
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "FileStreamSink");
    config.put("tasks.max", "1");
    config.put("topics", topic);
    config.put("file", out.toString());
    config.put("fsync", "true");
    Process worker =
        WorkerMain.start(
            broker.bootstrapServers(), prefix, name, config, dir.resolve("worker.log"));
    long committed;
    int records;
    AtomicBoolean stop = new AtomicBoolean();
    try {
      // Records keep arriving, in small acknowledged batches, until after the kill: the kill then
      // always lands while the sink holds records it has received but not yet committed.
      CompletableFuture<Integer> sending = CompletableFuture.supplyAsync(() -> send(topic, stop));
      await()
          .atMost(ConnectFixture.WAIT)
          .until(() -> committedOffset(name, topic) >= COMMITTED_BEFORE_KILL || !worker.isAlive());
      assertThat(worker.isAlive()).as("the sink worker process is running").isTrue();
      worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      committed = committedOffset(name, topic);
      stop.set(true);
      records = sending.get(60, TimeUnit.SECONDS);
    } finally {
      stop.set(true);
      worker.destroyForcibly();
    }
    List<String> values = IntStream.range(0, records).mapToObj(SinkCrashIT::value).toList();

    List<String> afterCrash = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(committed).as("killed mid-stream").isPositive().isLessThan(records);
    assertThat(afterCrash.size()).isGreaterThanOrEqualTo((int) committed);
    assertThat(afterCrash.subList(0, (int) committed))
        .as("every committed record is in the file")
        .containsExactlyElementsOf(values.subList(0, (int) committed));

    try (ConnectFixture restarted =
        new ConnectFixture(broker.bootstrapServers(), prefix, WorkerMain.FAST_GROUP)) {
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> Files.readAllLines(out).contains(value(records - 1)));
      restarted.awaitTasksRunning(name, 1);
    }
    List<String> all = Files.readAllLines(out, StandardCharsets.UTF_8);
    Map<String, Integer> counts = new HashMap<>();
    all.forEach(line -> counts.merge(line, 1, Integer::sum));
    // Set arithmetic, not containsExactlyInAnyOrder: that is quadratic, and a slow start of the
    // worker lets hundreds of thousands of records pile up.
    Set<String> expected = new HashSet<>(values);
    assertThat(values.stream().filter(v -> !counts.containsKey(v)).limit(10))
        .as("records missing from the file")
        .isEmpty();
    assertThat(counts.keySet().stream().filter(line -> !expected.contains(line)).limit(10))
        .as("lines that are no record")
        .isEmpty();
    for (int i = 0; i < records; i++) {
      int count = counts.get(values.get(i));
      if (i < committed) {
        assertThat(count).as("copies of committed record %d", i).isEqualTo(1);
      } else {
        assertThat(count).as("copies of uncommitted record %d", i).isBetween(1, 2);
      }
    }
  }

  private static String value(int i) {
    return "record " + i;
  }

  /** Sends records until {@code stop} is set; answers how many were sent (all acknowledged). */
  private int send(String topic, AtomicBoolean stop) {
    Map<String, Object> props =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    int sent = 0;
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      // Bounded, so that a slow worker start cannot pile up an unbounded backlog.
      while (!stop.get() && sent < MAX_RECORDS) {
        for (int i = 0; i < 50; i++, sent++) {
          producer.send(new ProducerRecord<>(topic, value(sent)));
        }
        producer.flush();
      }
    }
    return sent;
  }

  private long committedOffset(String connector, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets("connect-" + connector)
              .partitionsToOffsetAndMetadata()
              .get();
      OffsetAndMetadata offset = offsets.get(new TopicPartition(topic, 0));
      return offset == null ? 0 : offset.offset();
    }
  }
}
