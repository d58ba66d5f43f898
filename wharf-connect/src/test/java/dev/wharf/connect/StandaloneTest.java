package dev.wharf.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.connect.testing.CountingSourceConnector;
import dev.wharf.connect.testing.Http;
import dev.wharf.connect.testing.Topics;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Standalone mode: configs in memory, source offsets in a file that survives a restart. */
@ExtendWith(SharedKafkaBroker.class)
class StandaloneTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void offsetsInTheFileLetARestartedWorkerResumeWithoutDuplicates(
      EmbeddedKafkaBroker broker, @TempDir Path dir) {
    String topic = "standalone-" + UUID.randomUUID();
    Map<String, String> worker = new HashMap<>();
    worker.put("bootstrap.servers", broker.bootstrapServers());
    worker.put("listeners", "http://127.0.0.1:0");
    worker.put("offset.storage.file.filename", dir.resolve("offsets").toString());
    worker.put("offset.flush.interval.ms", "200");
    worker.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    worker.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    Map<String, String> connector = new HashMap<>();
    connector.put("connector.class", CountingSourceConnector.class.getName());
    connector.put("topic", topic);
    connector.put("count", "25");

    try (ConnectRuntime runtime = ConnectRuntime.standalone(ConnectConfig.parse("test", worker))) {
      runtime.herder().putConnectorConfig("counter", connector);
      await()
          .atMost(WAIT)
          .until(() -> Topics.values(broker.bootstrapServers(), topic).size() == 25);
    }

    connector.put("count", "40");
    try (ConnectRuntime runtime = ConnectRuntime.standalone(ConnectConfig.parse("test", worker))) {
      assertThat(new Http(runtime.url()).get("/connectors").json()).isEmpty();
      runtime.herder().putConnectorConfig("counter", connector);
      await()
          .atMost(WAIT)
          .until(() -> Topics.values(broker.bootstrapServers(), topic).size() >= 40);
    }
    assertThat(Topics.values(broker.bootstrapServers(), topic)).hasSize(40).doesNotHaveDuplicates();
  }
}
