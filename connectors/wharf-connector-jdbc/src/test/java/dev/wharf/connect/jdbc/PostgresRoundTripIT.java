package dev.wharf.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.connect.testing.ConnectFixture;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rows copied table → source → Kafka (JSON with schemas) → sink → table come out identical, for
 * every type the connectors map, NULLs and edge values included.
 */
@ExtendWith(SharedKafkaBroker.class)
class PostgresRoundTripIT {
  private static final String COLUMNS =
      "(id INT PRIMARY KEY, s SMALLINT, i INT, b BIGINT, r REAL, d DOUBLE PRECISION,"
          + " amount NUMERIC(10,2), t TEXT, v VARCHAR(20), ok BOOLEAN, raw BYTEA, day DATE,"
          + " tm TIME(3), at TIMESTAMP(3), atz TIMESTAMPTZ(3), u UUID, j JSONB)";

  private final EmbeddedKafkaBroker broker;
  private ConnectFixture connect;

  PostgresRoundTripIT(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  @BeforeEach
  void start() {
    connect = new ConnectFixture(broker.bootstrapServers(), "jdbc-roundtrip");
  }

  @AfterEach
  void stop() {
    connect.close();
  }

  @Test
  void everyTypeSurvivesSourceKafkaSink() throws Exception {
    String db = Postgres.newDatabase(null);
    Postgres.execute(
        db,
        "CREATE TABLE src " + COLUMNS,
        "CREATE TABLE dst " + COLUMNS,
        "INSERT INTO src VALUES (1, -32768, 2147483647, -9223372036854775808, 1.5, 2.25e-300,"
            + " -12345678.91, 'quote '' and ünïcödé ✓', 'abc', true, '\\x00ff10', '1969-12-31',"
            + " '23:59:59.999', '2026-03-28 02:30:00.123', '2026-01-02 03:04:05.678+02',"
            + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"k\": [1, \"x\"]}')",
        "INSERT INTO src (id) VALUES (2)",
        "INSERT INTO src VALUES (3, 0, 0, 0, 0, 0, 0, '', '', false, '\\x', '2026-01-01',"
            + " '00:00:00', '1970-01-01 00:00:00', '1970-01-01 00:00:00+00',"
            + " '00000000-0000-0000-0000-000000000000', '[]')");
    String topic = "roundtrip-src";
    Map<String, String> source = new HashMap<>();
    source.put("connector.class", "io.confluent.connect.jdbc.JdbcSourceConnector");
    source.put("connection.url", Postgres.url(db));
    source.put("connection.user", "root");
    source.put("mode", "incrementing");
    source.put("incrementing.column.name", "id");
    source.put("table.whitelist", "src");
    source.put("topic.prefix", "roundtrip-");
    source.put("poll.interval.ms", "200");
    source.put("db.timezone", "Europe/Paris");
    source.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    connect.createConnector("roundtrip-source", source);

    Map<String, String> sink = new HashMap<>();
    sink.put("connector.class", "io.confluent.connect.jdbc.JdbcSinkConnector");
    sink.put("topics", topic);
    sink.put("connection.url", Postgres.url(db));
    sink.put("connection.user", "root");
    sink.put("table.name.format", "dst");
    sink.put("insert.mode", "upsert");
    sink.put("pk.mode", "record_value");
    sink.put("pk.fields", "id");
    sink.put("db.timezone", "Europe/Paris");
    sink.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    connect.createConnector("roundtrip-sink", sink);

    Map<String, String> created = new HashMap<>(sink);
    created.put("table.name.format", "created");
    created.put("auto.create", "true");
    connect.createConnector("roundtrip-created", created);

    List<String> expected = rows(db, "SELECT * FROM src ORDER BY id");
    await()
        .atMost(ConnectFixture.WAIT)
        .untilAsserted(
            () -> assertThat(rows(db, "SELECT * FROM dst ORDER BY id")).isEqualTo(expected));
    // A created table has Connect's column types: uuid and json become text, and timestamps are
    // zoneless, written in db.timezone; so compare the values as text in that zone.
    String values =
        "SELECT id, s, i, b, r, d, amount, t, v, ok, raw, day, tm, at, %s, u::text, j::text";
    await()
        .atMost(ConnectFixture.WAIT)
        .untilAsserted(
            () ->
                assertThat(rows(db, values.formatted("atz::text") + " FROM created ORDER BY id"))
                    .isEqualTo(
                        rows(
                            db,
                            values.formatted("(atz AT TIME ZONE 'Europe/Paris')::text")
                                + " FROM src ORDER BY id")));
  }

  private static List<String> rows(String db, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = Postgres.connect(db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        StringJoiner row = new StringJoiner("|");
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.add(String.valueOf(rs.getString(i)));
        }
        rows.add(row.toString());
      }
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).contains("does not exist")) {
        return rows;
      }
      throw e;
    }
    return rows;
  }
}
