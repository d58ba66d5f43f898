package dev.wharf.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.connect.testing.ConnectFixture;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JDBC source on the MariaDB/MySQL server of {@code WHARF_TEST_MYSQL_URL} (skipped with a
 * message when unset): the dialect comes from the URL, back-quoted identifiers, MySQL types.
 */
@ExtendWith({SharedKafkaBroker.class, MariaDb.Required.class})
class MariaDbSourceIT {
  private static final AtomicInteger UNIQUE = new AtomicInteger();
  // The server keeps tables between runs: names carry this run's mark.
  private static final String RUN = Long.toString(System.currentTimeMillis() % 2_000_000_000L, 36);

  private final EmbeddedKafkaBroker broker;
  private String prefix;
  private ConnectFixture connect;

  MariaDbSourceIT(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  @BeforeEach
  void start() {
    prefix = "mariadbsrc" + RUN + "x" + UNIQUE.incrementAndGet();
    connect = new ConnectFixture(broker.bootstrapServers(), prefix);
  }

  @AfterEach
  void stop() {
    connect.close();
  }

  private void execute(String... sql) throws Exception {
    try (Connection c = DriverManager.getConnection(MariaDb.url());
        Statement s = c.createStatement()) {
      for (String one : sql) {
        s.execute(one);
      }
    }
  }

  private Map<String, String> source(String table, String mode) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "io.confluent.connect.jdbc.JdbcSourceConnector");
    config.put("connection.url", MariaDb.url());
    config.put("mode", mode);
    config.put("table.whitelist", table);
    config.put("topic.prefix", "topic-");
    config.put("poll.interval.ms", "100");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    config.put("value.converter.decimal.format", "NUMERIC");
    return config;
  }

  @Test
  void incrementingModeCopiesMySqlTypesAndFollowsNewRows() throws Exception {
    String table = prefix + "_clicks";
    execute(
        "CREATE TABLE "
            + table
            + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, url VARCHAR(50) NOT NULL, n TINYINT,"
            + " u INT UNSIGNED, price DECIMAL(8,2), ok BOOLEAN, day DATE, at DATETIME(3))",
        "INSERT INTO "
            + table
            + " (url, n, u, price, ok, day, at) VALUES ('/a', -1, 4000000000, 12.50, true,"
            + " '2026-01-02', '2026-01-02 03:04:05.678'), ('/b', NULL, NULL, NULL, NULL, NULL,"
            + " NULL)");
    Map<String, String> config = source(table, "incrementing");
    config.put("incrementing.column.name", "id");
    connect.createConnector(prefix, config);

    String topic = "topic-" + table;
    await().atMost(ConnectFixture.WAIT).until(() -> connect.values(topic).size() >= 2);
    assertThat(connect.values(topic))
        .containsExactly(
            "{\"id\":1,\"url\":\"/a\",\"n\":-1,\"u\":4000000000,\"price\":12.50,\"ok\":true,"
                + "\"day\":20455,\"at\":1767323045678}",
            "{\"id\":2,\"url\":\"/b\",\"n\":null,\"u\":null,\"price\":null,\"ok\":null,"
                + "\"day\":null,\"at\":null}");

    execute("INSERT INTO " + table + " (url) VALUES ('/c')");
    await().atMost(ConnectFixture.WAIT).until(() -> connect.values(topic).size() >= 3);
    assertThat(connect.values(topic).get(2)).startsWith("{\"id\":3,\"url\":\"/c\"");
  }

  @Test
  void timestampModeReadsRowsUpToTheDatabaseClock() throws Exception {
    String table = prefix + "_changes";
    execute(
        "CREATE TABLE "
            + table
            + " (id INT PRIMARY KEY, name VARCHAR(20), changed TIMESTAMP(3) NOT NULL"
            + " DEFAULT CURRENT_TIMESTAMP(3))",
        "INSERT INTO " + table + " (id, name, changed) VALUES (1, 'x', '2026-01-01 00:00:00')");
    Map<String, String> config = source(table, "timestamp");
    config.put("timestamp.column.name", "changed");
    connect.createConnector(prefix, config);

    String topic = "topic-" + table;
    await().atMost(ConnectFixture.WAIT).until(() -> connect.values(topic).size() >= 1);
    execute("UPDATE " + table + " SET name = 'y', changed = CURRENT_TIMESTAMP(3) WHERE id = 1");
    await().atMost(ConnectFixture.WAIT).until(() -> connect.values(topic).size() >= 2);
    assertThat(connect.values(topic).get(1)).contains("\"name\":\"y\"");
  }
}
