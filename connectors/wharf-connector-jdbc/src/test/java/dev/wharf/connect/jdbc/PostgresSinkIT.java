package dev.wharf.connect.jdbc;

import static dev.wharf.connect.jdbc.Envelope.struct;
import static dev.wharf.connect.jdbc.KeyedRecords.of;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.util.List;
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
    connect.createConnector(prefix, config);
    send(
        topic,
        of(null, struct("id", "int32", 1, "name", "string", "a")),
        of(null, struct("id", "int32", 2, "name", "string", "b")),
        of(null, struct("id", "int32", 1, "name", "string", "a2")),
        of(null, struct("id", "int32", 1, "name", "string", "a3")));

    awaitRows("SELECT id, name FROM " + topic + " ORDER BY id", "1|a3", "2|b");
    assertThat(connect.taskState(prefix, 0)).isEqualTo("RUNNING");
  }

  // Without a schema, JsonConverter writes Connect timestamps, dates and times as numbers.
  @Test
  void schemalessNumbersFillTimestampDateAndTimeColumns() throws Exception {
    String topic = prefix + "_times";
    execute(
        "CREATE TABLE "
            + topic
            + " (id INT PRIMARY KEY, at TIMESTAMP, atz TIMESTAMPTZ,"
            + " day DATE, tm TIME, u UUID, doc JSONB)");
    Map<String, String> config = sink(topic);
    config.put("value.converter.schemas.enable", "false");
    connect.createConnector(prefix, config);
    send(
        topic,
        of(
            null,
            "{\"id\":1,\"at\":1767323045678,\"atz\":1767323045678,\"day\":20455,"
                + "\"tm\":11045000,\"u\":\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\","
                + "\"doc\":\"{\\\"k\\\": 1}\"}"));

    awaitRows(
        "SELECT id, at, atz AT TIME ZONE 'UTC', day, tm, u, doc FROM " + topic,
        "1|2026-01-02 03:04:05.678|2026-01-02 03:04:05.678|2026-01-02|03:04:05"
            + "|a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11|{\"k\": 1}");
  }

  @Test
  void timestampFieldsKeepTheirMicroseconds() throws Exception {
    String topic = prefix + "_micros";
    Map<String, String> config = sink(topic);
    config.put("auto.create", "true");
    config.put("timestamp.fields.list", "at");
    connect.createConnector(prefix, config);
    send(topic, of(null, struct("id", "int32", 1, "at", "int64", 1767323045123456L)));

    awaitRows(
        "SELECT id, at, pg_typeof(at) FROM " + topic,
        "1|2026-01-02 03:04:05.123456|timestamp without time zone");
  }

  // Confluent's date.timezone: DB_TIMEZONE (the default) binds a DATE in db.timezone, which west
  // of UTC is the day before; UTC keeps the date's own day.
  @Test
  void dateTimezoneChoosesHowDatesAreBound() throws Exception {
    String inDbZone = prefix + "_dbzone";
    String inUtc = prefix + "_utc";
    for (String topic : List.of(inDbZone, inUtc)) {
      Map<String, String> config = sink(topic);
      config.put("auto.create", "true");
      config.put("db.timezone", "America/New_York");
      if (topic.equals(inUtc)) {
        config.put("date.timezone", "UTC");
      }
      connect.createConnector(topic, config);
      send(
          topic,
          of(
              null,
              "{\"schema\":{\"type\":\"struct\",\"fields\":["
                  + "{\"field\":\"id\",\"type\":\"int32\",\"optional\":false},"
                  + "{\"field\":\"day\",\"type\":\"int32\",\"optional\":false,"
                  + "\"name\":\"org.apache.kafka.connect.data.Date\",\"version\":1}]},"
                  + "\"payload\":{\"id\":1,\"day\":20455}}"));
    }

    awaitRows("SELECT id, day FROM " + inDbZone, "1|2026-01-01");
    awaitRows("SELECT id, day FROM " + inUtc, "1|2026-01-02");
  }

  @Test
  void aPlainStringValueFillsTheStringOutputColumn() throws Exception {
    String topic = prefix + "_lines";
    Map<String, String> config = sink(topic);
    config.put("auto.create", "true");
    config.put("pk.mode", "kafka");
    config.put("string.output.value.column.name", "line");
    connect.createConnector(prefix, config);
    send(topic, of(null, "{\"schema\":{\"type\":\"string\"},\"payload\":\"hello\"}"));

    awaitRows("SELECT __connect_offset, line FROM " + topic, "0|hello");
  }
}
