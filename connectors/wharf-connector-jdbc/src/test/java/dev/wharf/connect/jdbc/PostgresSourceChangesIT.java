package dev.wharf.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.connect.testing.ConnectFixture;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The source following a changing database: new and dropped tables, late-committing writers. */
@ExtendWith(SharedKafkaBroker.class)
class PostgresSourceChangesIT {
  private static final AtomicInteger UNIQUE = new AtomicInteger();

  private final EmbeddedKafkaBroker broker;
  private String prefix;
  private ConnectFixture connect;

  PostgresSourceChangesIT(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  @BeforeEach
  void start() {
    prefix = "jdbc-changes-" + UNIQUE.incrementAndGet();
    connect = new ConnectFixture(broker.bootstrapServers(), prefix);
  }

  @AfterEach
  void stop() {
    connect.close();
  }

  private Map<String, String> source(String db) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "io.confluent.connect.jdbc.JdbcSourceConnector");
    config.put("connection.url", Postgres.url(db));
    config.put("connection.user", "root");
    config.put("mode", "incrementing");
    config.put("incrementing.column.name", "id");
    config.put("topic.prefix", prefix + "-");
    config.put("poll.interval.ms", "100");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    return config;
  }

  @Test
  void newTablesArePickedUpAndDroppedOnesReleased() throws Exception {
    String db = Postgres.newDatabase(null);
    Postgres.execute(db, "CREATE TABLE first (id INT PRIMARY KEY)", "INSERT INTO first VALUES (1)");
    Map<String, String> config = source(db);
    config.put("tasks.max", "2");
    config.put("table.poll.interval.ms", "300");
    connect.createConnector(prefix, config);
    connect.awaitTasksRunning(prefix, 1);
    await().atMost(ConnectFixture.WAIT).until(() -> connect.values(prefix + "-first").size() == 1);

    Postgres.execute(
        db, "CREATE TABLE second (id INT PRIMARY KEY)", "INSERT INTO second VALUES (7)");
    await().atMost(ConnectFixture.WAIT).until(() -> connect.values(prefix + "-second").size() == 1);
    assertThat(connect.values(prefix + "-second")).containsExactly("{\"id\":7}");
    connect.awaitTasksRunning(prefix, 2);

    Postgres.execute(db, "DROP TABLE first");
    connect.awaitTasksRunning(prefix, 1);
    assertThat(connect.herder().taskInfos(prefix).get(0).config().get("wharf.task.tables"))
        .contains("second")
        .doesNotContain("first");
  }

  @Test
  void aRowCommittedLateWithALowerIdIsNotSkipped() throws Exception {
    String db = Postgres.newDatabase(null);
    Postgres.execute(
        db,
        "CREATE TABLE orders (id SERIAL PRIMARY KEY, name TEXT)",
        "INSERT INTO orders (name) VALUES ('first')");
    Map<String, String> config = source(db);
    config.put("table.whitelist", "orders");
    config.put("incrementing.gap.timeout.ms", "120000");
    connect.createConnector(prefix, config);
    String topic = prefix + "-orders";
    await().atMost(ConnectFixture.WAIT).until(() -> connect.values(topic).size() == 1);

    try (Connection slow = Postgres.connect(db);
        Statement statement = slow.createStatement()) {
      slow.setAutoCommit(false);
      statement.execute("INSERT INTO orders (name) VALUES ('slow')"); // takes id 2
      Postgres.execute(db, "INSERT INTO orders (name) VALUES ('fast')"); // id 3, committed
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(10))
          .until(() -> connect.values(topic).size() == 1);
      slow.commit();
    }

    await().atMost(ConnectFixture.WAIT).until(() -> connect.values(topic).size() >= 3);
    assertThat(connect.values(topic))
        .containsExactly(
            "{\"id\":1,\"name\":\"first\"}",
            "{\"id\":2,\"name\":\"slow\"}",
            "{\"id\":3,\"name\":\"fast\"}");
  }

  @Test
  void aGapLeftByARollbackIsPassedAfterTheTimeout() throws Exception {
    String db = Postgres.newDatabase(null);
    Postgres.execute(
        db,
        "CREATE TABLE orders (id SERIAL PRIMARY KEY, name TEXT)",
        "INSERT INTO orders (name) VALUES ('first')");
    Map<String, String> config = source(db);
    config.put("table.whitelist", "orders");
    config.put("incrementing.gap.timeout.ms", "500");
    connect.createConnector(prefix, config);
    String topic = prefix + "-orders";
    await().atMost(ConnectFixture.WAIT).until(() -> connect.values(topic).size() == 1);

    try (Connection aborted = Postgres.connect(db);
        Statement statement = aborted.createStatement()) {
      aborted.setAutoCommit(false);
      statement.execute("INSERT INTO orders (name) VALUES ('never')"); // takes id 2
      aborted.rollback();
    }
    Postgres.execute(db, "INSERT INTO orders (name) VALUES ('after')");

    await().atMost(ConnectFixture.WAIT).until(() -> connect.values(topic).size() >= 2);
    assertThat(connect.values(topic))
        .containsExactly("{\"id\":1,\"name\":\"first\"}", "{\"id\":3,\"name\":\"after\"}");
  }
}
