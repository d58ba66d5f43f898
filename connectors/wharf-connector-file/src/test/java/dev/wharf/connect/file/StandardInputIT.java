package dev.wharf.connect.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.connect.testing.ConnectFixture;
import dev.wharf.connect.testing.Topics;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source without {@code file} reads the worker's standard input, as Apache's does: run in a
 * worker process of its own, since the test JVM's standard input belongs to the test runner.
 */
@ExtendWith(SharedKafkaBroker.class)
class StandardInputIT {
  @Test
  void linesWrittenToTheWorkersStandardInputBecomeRecords(
      EmbeddedKafkaBroker broker, @TempDir Path dir) throws Exception {
    String topic = "file-stdin-lines";
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "FileStreamSource");
    config.put("tasks.max", "1");
    config.put("topic", topic);
    Process worker =
        WorkerMain.start(
            broker.bootstrapServers(), "file-stdin", "stdin", config, dir.resolve("worker.log"));
    try {
      OutputStream stdin = worker.getOutputStream();
      stdin.write("from stdin 1\nfrom stdin 2\n".getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      await()
          .atMost(ConnectFixture.WAIT)
          .until(
              () ->
                  Topics.values(broker.bootstrapServers(), topic).size() >= 2 || !worker.isAlive());
      assertThat(Topics.values(broker.bootstrapServers(), topic))
          .containsExactly("from stdin 1", "from stdin 2");
    } finally {
      worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
