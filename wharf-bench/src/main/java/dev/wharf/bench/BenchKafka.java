package dev.wharf.bench;

import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The broker a benchmark runs against: one embedded KRaft broker in this process, its data under
 * {@code <workDir>/kafka} without size-based retention (a round's records must all stay readable),
 * and an admin client on it. Closing it stops both and deletes the broker's data, which otherwise
 * fills the disk over repeated runs.
 */
final class BenchKafka implements AutoCloseable {
  private final EmbeddedKafkaBroker broker;
  private final Admin admin;
  private final Path dataDir;

  private BenchKafka(EmbeddedKafkaBroker broker, Path dataDir) {
    this.broker = broker;
    this.dataDir = dataDir;
    this.admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
  }

  static BenchKafka start(Path workDir) throws Exception {
    Path dataDir = workDir.resolve("kafka");
    EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.builder()
            .port(0)
            .controllerPort(0)
            .logDir(dataDir)
            .properties(Map.of("log.retention.bytes", "-1"))
            .build()
            .start();
    return new BenchKafka(broker, dataDir);
  }

  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  Admin admin() {
    return admin;
  }

  /** Creates {@code topic} with {@code partitions} partitions and waits until it exists. */
  void createTopic(String topic, int partitions) throws Exception {
    admin
        .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
        .all()
        .get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    try {
      admin.close();
      broker.close();
    } finally {
      deleteRecursively(dataDir);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
