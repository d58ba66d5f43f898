package dev.wharf.connect.jdbc;

import static dev.wharf.connect.jdbc.Envelope.struct;
import static dev.wharf.connect.jdbc.KeyedRecords.of;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.connect.storage.TargetState;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

  // With reWriteBatchedInserts the driver sends a batch as one multi-row INSERT, which PostgreSQL
  // refuses when two of its rows share a key; the sink keeps the last row of each key per batch.
  @Test
  void upsertsOfOneKeyInOneBatchWorkWithRewrittenBatches() throws Exception {
    String topic = prefix + "_rewritten";
    Map<String, String> config = sink(topic);
    config.put("connection.url", url() + "?reWriteBatchedInserts=true");
    config.put("auto.create", "true");
    config.put("insert.mode", "upsert");
    config.put("pk.mode", "record_value");
    config.put("pk.fields", "id");
    connect.herder.createConnector(prefix, config, TargetState.STARTED);
    send(
        topic,
        of(null, struct("id", "int32", 1, "name", "string", "a")),
        of(null, struct("id", "int32", 2, "name", "string", "b")),
        of(null, struct("id", "int32", 1, "name", "string", "a2")),
        of(null, struct("id", "int32", 1, "name", "string", "a3")));

    awaitRows("SELECT id, name FROM " + topic + " ORDER BY id", "1|a3", "2|b");
    assertThat(connect.taskState(prefix, 0)).isEqualTo("RUNNING");
  }
}
