package dev.wharf.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.connect.testing.ConnectFixture;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database goes away mid-stream and comes back on the same data directory and port: the tasks
 * stay RUNNING, recover by themselves, and every row arrives exactly once.
 */
@ExtendWith(SharedKafkaBroker.class)
class PostgresRestartIT {
  private final EmbeddedKafkaBroker broker;
  @TempDir Path dataDir;
  private EmbeddedPostgres server;
  private int port;
  private ConnectFixture connect;

  PostgresRestartIT(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  @BeforeEach
  void start() throws Exception {
    server = startServer(0);
    port = server.getPort();
    execute("postgres", "CREATE DATABASE app");
  }

  @AfterEach
  void stop() throws Exception {
    if (connect != null) {
      connect.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private EmbeddedPostgres startServer(int onPort) throws Exception {
    return EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(false)
        .setPort(onPort)
        .start();
  }

  /** Stops the server, checks the task rides out the outage, then starts it again. */
  private void outage(String connector) throws Exception {
    server.close();
    server = null;
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(30))
        .until(() -> "RUNNING".equals(connect.taskState(connector, 0)));
    server = startServer(port);
  }

  private String url() {
    return "jdbc:postgresql://localhost:" + port + "/app";
  }

  private void execute(String db, String... sql) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + port + "/" + db, "postgres", null);
        Statement s = c.createStatement()) {
      for (String one : sql) {
        s.execute(one);
      }
    }
  }

  private long count(String sql) {
    try (Connection c = DriverManager.getConnection(url(), "postgres", null);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      return -1;
    }
  }

  private static List<String> rows(String prefix, int from, int to) {
    List<String> values = new ArrayList<>();
    for (int i = from; i < to; i++) {
      values.add(Envelope.struct("id", "int32", i, "name", "string", prefix + i));
    }
    return values;
  }

  @Test
  void sinkRidesOutADatabaseRestartWithoutLosingOrRepeatingRows() throws Exception {
    connect = new ConnectFixture(broker.bootstrapServers(), "jdbc-restart-sink");
    String topic = "restart_sink";
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "io.confluent.connect.jdbc.JdbcSinkConnector");
    config.put("topics", topic);
    config.put("connection.url", url());
    config.put("connection.user", "postgres");
    config.put("auto.create", "true");
    config.put("max.retries", "1");
    config.put("retry.backoff.ms", "300");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    connect.createConnector("restart-sink", config);
    connect.send(topic, 1, rows("a", 0, 500));
    await().atMost(ConnectFixture.WAIT).until(() -> count("SELECT count(*) FROM " + topic) == 500);

    server.close();
    server = null;
    connect.send(topic, 1, rows("b", 500, 1000));
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(30))
        .until(() -> "RUNNING".equals(connect.taskState("restart-sink", 0)));
    server = startServer(port);

    await().atMost(ConnectFixture.WAIT).until(() -> count("SELECT count(*) FROM " + topic) == 1000);
    assertThat(count("SELECT count(DISTINCT id) FROM " + topic)).isEqualTo(1000);
    assertThat(connect.taskState("restart-sink", 0)).isEqualTo("RUNNING");
  }

  @Test
  void sourceRidesOutADatabaseRestartAndCopiesEveryRowOnce() throws Exception {
    connect = new ConnectFixture(broker.bootstrapServers(), "jdbc-restart-source");
    execute(
        "app",
        "CREATE TABLE events (id SERIAL PRIMARY KEY, name TEXT)",
        "INSERT INTO events (name) SELECT 'a' || g FROM generate_series(1, 500) g");
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "io.confluent.connect.jdbc.JdbcSourceConnector");
    config.put("connection.url", url());
    config.put("connection.user", "postgres");
    config.put("mode", "incrementing");
    config.put("incrementing.column.name", "id");
    config.put("table.whitelist", "events");
    config.put("topic.prefix", "restart-");
    config.put("poll.interval.ms", "100");
    config.put("connection.backoff.ms", "300");
    config.put("batch.max.rows", "50");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    connect.createConnector("restart-source", config);
    await().atMost(ConnectFixture.WAIT).until(() -> connect.values("restart-events").size() >= 500);

    outage("restart-source");
    execute("app", "INSERT INTO events (name) SELECT 'b' || g FROM generate_series(1, 500) g");

    await()
        .atMost(ConnectFixture.WAIT)
        .until(() -> connect.values("restart-events").size() >= 1000);
    List<String> values = connect.values("restart-events");
    assertThat(values).hasSize(1000).doesNotHaveDuplicates();
    assertThat(values.get(999)).isEqualTo("{\"id\":1000,\"name\":\"b500\"}");
  }
}
