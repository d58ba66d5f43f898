package dev.wharf.connect.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.connect.testing.ConnectFixture;
import dev.wharf.connect.testing.Topics;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills workers running the file source with SIGKILL, several times, while lines are appended to
 * the file: each successor resumes at the byte position the killed worker last committed, so the
 * topic holds every line, and the only repeated lines are those the killed worker sent after its
 * last offset flush.
 */
@ExtendWith(SharedKafkaBroker.class)
class SourceCrashIT {
  private static final int KILLS = 3;

  /** Lines each worker must commit before it is killed, so that every kill follows progress. */
  private static final int COMMITTED_PER_WORKER = 1_000;

  /**
   * A killed worker's connector moves to its successor within seconds: short sessions and grace.
   */
  private static final Map<String, String> FAST_TAKEOVER =
      Map.of(
          "session.timeout.ms", "6000",
          "heartbeat.interval.ms", "1000",
          "scheduled.rebalance.max.delay.ms", "2000");

  /** A successor starts a JVM, waits out the killed worker's session, then catches up. */
  private static final Duration TAKEOVER = Duration.ofSeconds(120);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EmbeddedKafkaBroker broker;
  @TempDir Path dir;

  SourceCrashIT(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  @Test
  void killedWorkersResumeFromTheCommittedPositionSoOnlyUnflushedLinesRepeat() throws Exception {
    String prefix = "file-source-crash";
    String topic = prefix + "-lines";
    String name = "crash-source";
    Path file = dir.resolve("numbered.log");
    Files.createFile(file);
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "FileStreamSource");
    config.put("tasks.max", "1");
    config.put("file", file.toString());
    config.put("topic", topic);

    List<Integer> resumePoints = new ArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Integer> writing =
        CompletableFuture.supplyAsync(
            () -> append(file, stop), task -> new Thread(task, "line-writer").start());
    int written;
    List<String> values;
    try {
      Process worker =
          WorkerMain.start(
              broker.bootstrapServers(),
              prefix,
              FAST_TAKEOVER,
              name,
              config,
              dir.resolve("worker-0.log"));
      for (int kill = 1; ; kill++) {
        Process running = worker;
        int before = resumePoints.isEmpty() ? 0 : resumePoints.get(resumePoints.size() - 1);
        try {
          await()
              .atMost(TAKEOVER)
              .pollInterval(Duration.ofMillis(300))
              .until(
                  () ->
                      committedLines(prefix, name, file) >= before + COMMITTED_PER_WORKER
                          || !running.isAlive()
                          || writing.isDone());
          Path log = dir.resolve("worker-" + (kill - 1) + ".log");
          assertThat(running.isAlive())
              .as(() -> "worker " + log + " is running:\n" + read(log))
              .isTrue();
          assertThat(writing).as("the file keeps growing").isNotDone();
        } finally {
          running.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        // What the successor reads at start: the killed worker's last offset flush.
        resumePoints.add(committedLines(prefix, name, file));
        if (kill == KILLS) {
          break;
        }
        worker =
            WorkerMain.restart(
                broker.bootstrapServers(),
                prefix,
                FAST_TAKEOVER,
                dir.resolve("worker-" + kill + ".log"));
      }

      try (ConnectFixture last =
          new ConnectFixture(broker.bootstrapServers(), prefix, FAST_TAKEOVER)) {
        // The last successor too takes over a file that is still growing.
        int resumed = resumePoints.get(KILLS - 1);
        await()
            .atMost(TAKEOVER)
            .pollInterval(Duration.ofMillis(300))
            .ignoreExceptions()
            .until(() -> linesBefore(file, committedPosition(last, name, file)) > resumed);
        stop.set(true);
        written = writing.get(60, TimeUnit.SECONDS);
        long end = Files.size(file);
        await()
            .atMost(TAKEOVER)
            .pollInterval(Duration.ofMillis(300))
            .ignoreExceptions()
            .until(() -> committedPosition(last, name, file) == end);
        values = last.values(topic);
      }
    } finally {
      stop.set(true);
    }

    assertThat(resumePoints).as("lines committed before each kill").isSorted();
    assertThat(resumePoints.get(0)).isPositive();
    // One partition, one task at a time: the topic is the lines in order, where each successor
    // goes back to the position the killed worker last committed. A restart from 0 (or from any
    // other position) or a lost line breaks that sequence.
    int next = 0;
    int used = 0;
    int repeated = 0;
    for (int i = 0; i < values.size(); i++) {
      int line = number(values.get(i));
      if (line != next) {
        assertThat(line).as("record %d: line %d is missing", i, next).isLessThan(next);
        int landed = resumePoints.subList(used, resumePoints.size()).indexOf(line);
        assertThat(landed)
            .as(
                "record %d: a successor resumed at line %d, not at a committed position %s",
                i, line, resumePoints.subList(used, resumePoints.size()))
            .isNotNegative();
        used += landed + 1;
        repeated += next - line;
      }
      next = line + 1;
    }
    assertThat(next).as("lines in the topic, up to the last one written").isEqualTo(written);
    // A kill may land right after an offset flush, so a run may repeat no line at all; what must
    // hold is that every repeat starts at a committed position (checked above) and adds up.
    assertThat(values).hasSize(written + repeated);
  }

  /** Appends numbered lines until {@code stop} is set; answers how many it wrote. */
  private static int append(Path file, AtomicBoolean stop) {
    int written = 0;
    try (BufferedWriter out =
        Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
      while (!stop.get()) {
        for (int i = 0; i < 20; i++, written++) {
          out.write(value(written));
          out.write('\n');
        }
        out.flush();
        // A steady ~1,000 lines a second: the file grows through every kill and restart without
        // becoming more than a topic read can check.
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return written;
  }

  private static String read(Path log) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private static String value(int line) {
    return "line " + line;
  }

  private static int number(String value) {
    assertThat(value).startsWith("line ");
    return Integer.parseInt(value.substring("line ".length()));
  }

  /**
   * How many whole lines precede the position {@code connector} last committed for {@code file},
   * read from the offset topic itself: a killed worker cannot answer GET .../offsets, and its
   * successor may have committed more by the time it can.
   */
  private int committedLines(String prefix, String connector, Path file) throws Exception {
    String offsets = prefix + "-offsets";
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      // Reading a topic that does not exist yet would auto-create it, unlike the worker would.
      if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(offsets)) {
        return 0;
      }
    }
    long position = 0;
    for (ConsumerRecord<String, String> record :
        Topics.records(broker.bootstrapServers(), offsets)) {
      if (record.key() == null) {
        continue;
      }
      JsonNode key = JSON.readTree(record.key());
      if (connector.equals(key.path(0).asText())
          && file.toString().equals(key.path(1).path("filename").asText())) {
        position =
            record.value() == null ? 0 : JSON.readTree(record.value()).path("position").asLong();
      }
    }
    return linesBefore(file, position);
  }

  private static int linesBefore(Path file, long position) throws IOException {
    int lines = 0;
    byte[] buffer = new byte[64 * 1024];
    long left = position;
    try (InputStream in = Files.newInputStream(file)) {
      while (left > 0) {
        int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (read < 0) {
          break;
        }
        for (int i = 0; i < read; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
        left -= read;
      }
    }
    return lines;
  }

  /** The committed position of {@code file} as GET /connectors/{name}/offsets shows it. */
  private static long committedPosition(ConnectFixture connect, String name, Path file) {
    for (JsonNode entry : connect.offsets(name)) {
      if (file.toString().equals(entry.path("partition").path("filename").asText())) {
        return entry.path("offset").path("position").asLong();
      }
    }
    return -1;
  }
}
