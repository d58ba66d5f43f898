package dev.wharf.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.connect.testing.ConnectFixture;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC source on SQLite files, loaded from its plugin directory. */
@ExtendWith(SharedKafkaBroker.class)
class SqliteSourceIT {
  private static final AtomicInteger UNIQUE = new AtomicInteger();

  private final EmbeddedKafkaBroker broker;
  @TempDir Path dir;
  private String prefix;
  private String url;
  private ConnectFixture connect;

  SqliteSourceIT(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  @BeforeEach
  void start() {
    prefix = "jdbc-sqlite-" + UNIQUE.incrementAndGet();
    url = "jdbc:sqlite:" + dir.resolve("test.db");
    connect = new ConnectFixture(broker.bootstrapServers(), prefix);
  }

  @AfterEach
  void stop() {
    connect.close();
  }

  private void execute(String... sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      for (String one : sql) {
        s.execute(one);
      }
    }
  }

  private Map<String, String> source(String mode, String table) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "io.confluent.connect.jdbc.JdbcSourceConnector");
    config.put("connection.url", url);
    config.put("mode", mode);
    config.put("table.whitelist", table);
    config.put("topic.prefix", prefix + "-");
    config.put("poll.interval.ms", "100");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    return config;
  }

  @Test
  void incrementingModeFollowsNewRowsAndResumesAfterRestart() throws Exception {
    execute(
        "CREATE TABLE clicks (id INTEGER PRIMARY KEY, url TEXT NOT NULL, score REAL, payload BLOB)",
        "INSERT INTO clicks VALUES (1, '/a', 0.5, x'0102'), (5000000000, '/b', NULL, NULL)");
    Map<String, String> plain = source("incrementing", "clicks");
    plain.put("incrementing.column.name", "id");
    connect.createConnector("sqlite-plain", plain);
    String plainTopic = prefix + "-clicks";
    await().atMost(ConnectFixture.WAIT).until(() -> connect.values(plainTopic).size() >= 2);
    assertThat(connect.values(plainTopic))
        .containsExactly(
            "{\"id\":1,\"url\":\"/a\",\"score\":0.5,\"payload\":\"AQI=\"}",
            "{\"id\":5000000000,\"url\":\"/b\",\"score\":null,\"payload\":null}");
    connect.close();

    execute("INSERT INTO clicks VALUES (5000000001, '/c', 1.0, NULL)");
    connect = new ConnectFixture(broker.bootstrapServers(), prefix);
    await().atMost(ConnectFixture.WAIT).until(() -> connect.values(plainTopic).size() >= 3);
    assertThat(connect.values(plainTopic))
        .hasSize(3)
        .last()
        .isEqualTo("{\"id\":5000000001,\"url\":\"/c\",\"score\":1.0,\"payload\":null}");
  }

  @Test
  void bulkModeRereadsTheTable() throws Exception {
    execute("CREATE TABLE \"select\" (id INTEGER)", "INSERT INTO \"select\" VALUES (1)");
    connect.createConnector("bulk", source("bulk", "select"));
    await().atMost(ConnectFixture.WAIT).until(() -> connect.values(prefix + "-select").size() >= 3);
    assertThat(connect.values(prefix + "-select")).allMatch("{\"id\":1}"::equals);
  }
}
