package dev.wharf.connect.jdbc;

import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The sink contract on a SQLite file per test. */
@ExtendWith(SharedKafkaBroker.class)
class SqliteSinkIT extends SinkContract {
  @TempDir Path dir;

  SqliteSinkIT(EmbeddedKafkaBroker broker) {
    super(broker);
  }

  @Override
  String url() {
    return "jdbc:sqlite:" + dir.resolve("sink.db");
  }

  @Override
  Map<String, String> credentials() {
    return Map.of();
  }

  @Override
  String unreachableUrl() {
    return "jdbc:sqlite:" + dir.resolve("no/such/dir/sink.db");
  }
}
