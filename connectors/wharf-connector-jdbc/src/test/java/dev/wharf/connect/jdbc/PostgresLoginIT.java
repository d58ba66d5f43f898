package dev.wharf.connect.jdbc;

import static dev.wharf.connect.jdbc.Envelope.struct;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.connect.testing.ConnectFixture;
import dev.wharf.connect.testing.Http;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A wrong password, as a user meets it: {@code PUT /connector-plugins/.../config/validate} says so
 * on {@code connection.user} and {@code connection.password}, and a running connector whose
 * password stops working (rotated in the database) shows FAILED with the reason in {@code GET
 * /connectors/{name}/status} once it restarts. The embedded server trusts every login, so this test
 * gives one role a password check of its own.
 */
@ExtendWith(SharedKafkaBroker.class)
class PostgresLoginIT {
  private static final String ROLE = "wharf_login";
  private static final AtomicInteger UNIQUE = new AtomicInteger();

  private final EmbeddedKafkaBroker broker;
  private String prefix;
  private String db;
  private ConnectFixture connect;

  PostgresLoginIT(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  @BeforeAll
  static void roleWithAPassword() throws Exception {
    try (Connection c = Postgres.server().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP ROLE IF EXISTS " + ROLE);
      s.execute("CREATE ROLE " + ROLE + " LOGIN SUPERUSER PASSWORD 'right'");
      String hbaFile;
      try (ResultSet rs = s.executeQuery("SHOW hba_file")) {
        rs.next();
        hbaFile = rs.getString(1);
      }
      Path hba = Path.of(hbaFile);
      String rules = Files.readString(hba, StandardCharsets.UTF_8);
      String check = "host all " + ROLE + " all scram-sha-256\n";
      if (!rules.startsWith(check)) {
        // The first matching line wins: this one comes before the server's "trust" lines.
        Files.writeString(hba, check + rules, StandardCharsets.UTF_8);
      }
      s.execute("SELECT pg_reload_conf()");
    }
  }

  @BeforeEach
  void start() throws Exception {
    prefix = "jdbc-login-" + UNIQUE.incrementAndGet();
    db = Postgres.newDatabase(null);
    Postgres.execute(
        db,
        "CREATE TABLE items (id INT PRIMARY KEY, name TEXT)",
        "INSERT INTO items VALUES (1, 'a')",
        "ALTER ROLE " + ROLE + " PASSWORD 'right'");
    connect = new ConnectFixture(broker.bootstrapServers(), prefix);
  }

  @AfterEach
  void stop() {
    connect.close();
  }

  private Map<String, String> source(String password) {
    Map<String, String> config = new HashMap<>();
    config.put("name", prefix + "-source");
    config.put("connector.class", "io.confluent.connect.jdbc.JdbcSourceConnector");
    config.put("connection.url", Postgres.url(db));
    config.put("connection.user", ROLE);
    config.put("connection.password", password);
    config.put("connection.attempts", "1");
    config.put("mode", "incrementing");
    config.put("incrementing.column.name", "id");
    config.put("table.whitelist", "items");
    config.put("topic.prefix", prefix + "-");
    config.put("poll.interval.ms", "100");
    return config;
  }

  private Map<String, String> sink(String topic, String password) {
    Map<String, String> config = new HashMap<>();
    config.put("name", topic);
    config.put("connector.class", "io.confluent.connect.jdbc.JdbcSinkConnector");
    config.put("topics", topic);
    config.put("connection.url", Postgres.url(db));
    config.put("connection.user", ROLE);
    config.put("connection.password", password);
    config.put("auto.create", "true");
    config.put("max.retries", "0");
    config.put("retry.backoff.ms", "100");
    config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    return config;
  }

  /**
   * The errors of each key as {@code PUT /connector-plugins/{class}/config/validate} lists them.
   */
  private Map<String, List<String>> validate(Map<String, String> config) {
    Http.Response response =
        connect
            .http()
            .put(
                "/connector-plugins/" + config.get("connector.class") + "/config/validate", config);
    assertThat(response.status()).isEqualTo(200);
    Map<String, List<String>> errors = new HashMap<>();
    for (JsonNode info : response.json().path("configs")) {
      JsonNode value = info.path("value");
      if (!value.path("errors").isEmpty()) {
        List<String> messages = new java.util.ArrayList<>();
        value.path("errors").forEach(m -> messages.add(m.asText()));
        errors.put(value.path("name").asText(), messages);
      }
    }
    return errors;
  }

  @Test
  void validationSaysTheLoginWasRefusedOnUserAndPassword() {
    assertThat(validate(source("right"))).isEmpty();
    assertThat(validate(sink(prefix + "_t", "right"))).isEmpty();

    for (Map<String, String> wrong : List.of(source("wrong"), sink(prefix + "_t", "wrong"))) {
      Map<String, List<String>> errors = validate(wrong);
      assertThat(errors).containsOnlyKeys("connection.user", "connection.password");
      assertThat(errors.get("connection.password").get(0))
          .contains("refused the login")
          .contains("check connection.user and connection.password")
          .contains("password authentication failed");
    }

    Map<String, String> nowhere = source("right");
    nowhere.put("connection.url", "jdbc:postgresql://localhost:1/" + db);
    assertThat(validate(nowhere)).containsOnlyKeys("connection.url");
    assertThat(validate(nowhere).get("connection.url").get(0)).contains("check connection.url");
  }

  @Test
  void aSourceWhosePasswordWasRotatedFailsWithTheReason() throws Exception {
    String name = prefix + "-source";
    connect.createConnector(name, source("right"));
    connect.awaitTasksRunning(name, 1);
    Postgres.execute(db, "ALTER ROLE " + ROLE + " PASSWORD 'rotated'");

    connect.http().post("/connectors/" + name + "/restart?includeTasks=true", null);

    connect.awaitConnectorState(name, "FAILED");
    assertThat(connect.status(name).path("connector").path("trace").asText())
        .contains("refused the login: check connection.user and connection.password")
        .contains("password authentication failed for user \"" + ROLE + "\"");
  }

  @Test
  void aSinkWhosePasswordWasRotatedFailsItsTaskWithTheReason() throws Exception {
    String topic = prefix + "_sunk";
    connect.createConnector(topic, sink(topic, "right"));
    connect.awaitTasksRunning(topic, 1);
    // The task connects on its first put: the rotated password is what it meets.
    Postgres.execute(db, "ALTER ROLE " + ROLE + " PASSWORD 'rotated'");

    KeyedRecords.send(
        broker.bootstrapServers(), topic, List.of(KeyedRecords.of(null, struct("id", "int32", 1))));

    String trace = connect.awaitTaskFailed(topic, 0);
    assertThat(trace)
        .contains("refused the login: check connection.user and connection.password")
        .contains("password authentication failed for user \"" + ROLE + "\"");
  }
}
