package dev.wharf.connect.jdbc;

import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sink contract on the embedded PostgreSQL, one database per test. */
@ExtendWith(SharedKafkaBroker.class)
class PostgresSinkIT extends SinkContract {
  private String db;

  PostgresSinkIT(EmbeddedKafkaBroker broker) {
    super(broker);
  }

  @BeforeEach
  void createDatabase() throws Exception {
    db = Postgres.newDatabase(null);
  }

  @Override
  String url() {
    return Postgres.url(db);
  }

  @Override
  Map<String, String> credentials() {
    return Map.of("connection.user", "root");
  }

  @Override
  String unreachableUrl() {
    return "jdbc:postgresql://localhost:1/" + db;
  }
}
