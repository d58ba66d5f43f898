package dev.wharf.connect.jdbc;

import static dev.wharf.connect.jdbc.Envelope.struct;
import static dev.wharf.connect.jdbc.KeyedRecords.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.connect.testing.ConnectFixture;
import dev.wharf.connect.validation.ConfigInfos;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the JDBC sink does on every database it supports, loaded from its plugin directory on a real
 * broker: each subclass supplies one real database. Table and topic names are unique per test, so a
 * database may be shared between tests.
 */
abstract class SinkContract {
  private static final AtomicInteger UNIQUE = new AtomicInteger();
  // A shared server (MariaDB) keeps tables between runs: names carry this run's mark.
  private static final String RUN = Long.toString(System.currentTimeMillis() % 2_000_000_000L, 36);

  protected final EmbeddedKafkaBroker broker;
  protected String prefix;
  protected ConnectFixture connect;

  SinkContract(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  /** The JDBC URL of this test's database. */
  abstract String url();

  /** Extra connection keys (user, password). */
  abstract Map<String, String> credentials();

  /** A URL where no database listens. */
  abstract String unreachableUrl();

  @BeforeEach
  void startWorker() throws Exception {
    prefix = getClass().getSimpleName().toLowerCase() + RUN + "x" + UNIQUE.incrementAndGet();
    connect = new ConnectFixture(broker.bootstrapServers(), prefix);
  }

  @AfterEach
  void stopWorker() {
    connect.close();
  }

  void execute(String... sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url(), props());
        Statement s = c.createStatement()) {
      for (String one : sql) {
        s.execute(one);
      }
    }
  }

  /** Each row of {@code sql} as its columns' text joined by '|'. */
  List<String> rows(String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url(), props());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringJoiner row = new StringJoiner("|");
        for (int i = 1; i <= columns; i++) {
          row.add(String.valueOf(rs.getString(i)));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  /** Each row of {@code sql} as its columns' instants (read as UTC timestamps) joined by '|'. */
  List<String> instants(String sql) throws SQLException {
    java.util.Calendar utc =
        java.util.Calendar.getInstance(
            java.util.TimeZone.getTimeZone("UTC"), java.util.Locale.ROOT);
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url(), props());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringJoiner row = new StringJoiner("|");
        for (int i = 1; i <= columns; i++) {
          java.sql.Timestamp at = rs.getTimestamp(i, utc);
          row.add(at == null ? "null" : at.toInstant().toString());
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  private java.util.Properties props() {
    java.util.Properties props = new java.util.Properties();
    credentials()
        .forEach((k, v) -> props.setProperty(k.replace("connection.", ""), v == null ? "" : v));
    return props;
  }

  Map<String, String> sink(String topic) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "io.confluent.connect.jdbc.JdbcSinkConnector");
    config.put("topics", topic);
    config.put("connection.url", url());
    config.putAll(credentials());
    config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("retry.backoff.ms", "500");
    return config;
  }

  void send(String topic, KeyedRecords.KeyValue... records) {
    KeyedRecords.send(broker.bootstrapServers(), topic, List.of(records));
  }

  void awaitRows(String sql, String... expected) {
    // Until the sink has created or evolved the table, the query itself fails: wait through that.
    await()
        .atMost(ConnectFixture.WAIT)
        .ignoreExceptionsInstanceOf(SQLException.class)
        .untilAsserted(() -> assertThat(rows(sql)).containsExactly(expected));
  }

  private static String row(int id, String name) {
    return struct("id", "int32", id, "name", "string?", name);
  }

  @Test
  void autoCreatedTableReceivesEveryRecordInInsertMode() throws Exception {
    String topic = prefix + "_events";
    Map<String, String> config = sink(topic);
    config.put("auto.create", "true");
    connect.createConnector(prefix, config);
    send(topic, of(null, row(1, "a")), of(null, row(2, null)), of(null, row(1, "again")));

    awaitRows("SELECT id, name FROM " + topic + " ORDER BY id, name", "1|a", "1|again", "2|null");
  }

  @Test
  void upsertByRecordKeyKeepsTheLatestRowAndTombstonesDelete() throws Exception {
    String topic = prefix + "_users";
    Map<String, String> config = sink(topic);
    config.put("auto.create", "true");
    config.put("insert.mode", "upsert");
    config.put("pk.mode", "record_key");
    config.put("delete.enabled", "true");
    connect.createConnector(prefix, config);
    String one = struct("id", "int32", 1);
    String two = struct("id", "int32", 2);
    String three = struct("id", "int32", 3);
    send(
        topic,
        of(one, struct("name", "string", "a")),
        of(two, struct("name", "string", "b")),
        of(one, struct("name", "string", "a2")),
        of(two, null),
        of(three, struct("name", "string", "c")));

    awaitRows("SELECT id, name FROM " + topic + " ORDER BY id", "1|a2", "3|c");
  }

  @Test
  void upsertByValueFieldsIntoAnExistingTable() throws Exception {
    String topic = prefix + "_stock";
    execute(
        "CREATE TABLE " + topic + " (id INT PRIMARY KEY, name VARCHAR(100))",
        "INSERT INTO " + topic + " VALUES (1, 'old'), (2, 'keep')");
    Map<String, String> config = sink(topic);
    config.put("insert.mode", "upsert");
    config.put("pk.mode", "record_value");
    config.put("pk.fields", "id");
    connect.createConnector(prefix, config);
    send(topic, of(null, row(1, "new")), of(null, row(3, "three")));

    awaitRows("SELECT id, name FROM " + topic + " ORDER BY id", "1|new", "2|keep", "3|three");
  }

  @Test
  void updateModeChangesOnlyExistingRows() throws Exception {
    String topic = prefix + "_prices";
    execute(
        "CREATE TABLE " + topic + " (id INT PRIMARY KEY, name VARCHAR(100))",
        "INSERT INTO " + topic + " VALUES (1, 'old'), (2, 'keep')");
    Map<String, String> config = sink(topic);
    config.put("insert.mode", "update");
    config.put("pk.mode", "record_value");
    config.put("pk.fields", "id");
    connect.createConnector(prefix, config);
    send(topic, of(null, row(9, "absent")), of(null, row(1, "new")));

    awaitRows("SELECT id, name FROM " + topic + " ORDER BY id", "1|new", "2|keep");
  }

  @Test
  void kafkaCoordinatesAreThePrimaryKey() throws Exception {
    String topic = prefix + "_log";
    Map<String, String> config = sink(topic);
    config.put("auto.create", "true");
    config.put("insert.mode", "upsert");
    config.put("pk.mode", "kafka");
    connect.createConnector(prefix, config);
    send(topic, of(null, row(7, "a")), of(null, row(7, "b")));

    awaitRows(
        "SELECT __connect_topic, __connect_partition, __connect_offset, id, name FROM "
            + topic
            + " ORDER BY __connect_offset",
        topic + "|0|0|7|a",
        topic + "|0|1|7|b");
  }

  @Test
  void autoEvolveAddsNullableColumnsForNewFields() throws Exception {
    String topic = prefix + "_people";
    Map<String, String> config = sink(topic);
    config.put("auto.create", "true");
    config.put("auto.evolve", "true");
    config.put("insert.mode", "upsert");
    config.put("pk.mode", "record_value");
    config.put("pk.fields", "id");
    connect.createConnector(prefix, config);
    send(topic, of(null, row(1, "a")));
    awaitRows("SELECT id, name FROM " + topic, "1|a");

    send(
        topic,
        of(null, struct("id", "int32", 2, "name", "string?", "b", "email", "string", "b@x")));
    awaitRows("SELECT id, name, email FROM " + topic + " ORDER BY id", "1|a|null", "2|b|b@x");
  }

  @Test
  void schemalessJsonFromADottedTopicGoesToTheUnderscoredTable() throws Exception {
    String topic = prefix + ".orders";
    String table = prefix + "_orders";
    execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(100), qty INT)");
    Map<String, String> config = sink(topic);
    config.put("value.converter.schemas.enable", "false");
    config.put("insert.mode", "upsert");
    config.put("pk.mode", "record_value");
    config.put("pk.fields", "id");
    connect.createConnector(prefix, config);
    send(
        topic,
        of(null, "{\"id\":1,\"name\":\"a\",\"qty\":2}"),
        of(null, "{\"id\":2,\"name\":\"b\",\"qty\":5}"),
        of(null, "{\"id\":1,\"name\":\"a2\",\"qty\":null}"));

    awaitRows("SELECT id, name, qty FROM " + table + " ORDER BY id", "1|a2|null", "2|b|5");
  }

  @Test
  void aMissingColumnFailsTheTaskInPlainWords() throws Exception {
    String topic = prefix + "_narrow";
    execute("CREATE TABLE " + topic + " (id INT PRIMARY KEY)");
    connect.createConnector(prefix, sink(topic));
    send(topic, of(null, row(1, "a")));

    await().atMost(ConnectFixture.WAIT).until(() -> "FAILED".equals(connect.taskState(prefix, 0)));
    assertThat(connect.taskTrace(prefix, 0))
        .contains("has no column for field(s) [name]")
        .contains("auto.evolve=true");
  }

  @Test
  void timestampFieldsListWritesEpochMicrosecondsAndIsoTextAsTimestamps() throws Exception {
    String topic = prefix + "_stamps";
    Map<String, String> config = sink(topic);
    config.put("auto.create", "true");
    config.put("timestamp.fields.list", "at,iso");
    connect.createConnector(prefix, config);
    send(
        topic,
        of(
            null,
            struct(
                "id",
                "int32",
                1,
                "at",
                "int64",
                1767323045123000L,
                "iso",
                "string?",
                "2026-01-02T03:04:05.678")),
        of(null, struct("id", "int32", 2, "at", "int64", 0L, "iso", "string?", null)));

    await()
        .atMost(ConnectFixture.WAIT)
        .ignoreExceptionsInstanceOf(SQLException.class)
        .untilAsserted(
            () ->
                assertThat(instants("SELECT at, iso FROM " + topic + " ORDER BY id"))
                    .containsExactly(
                        "2026-01-02T03:04:05.123Z|2026-01-02T03:04:05.678Z",
                        "1970-01-01T00:00:00Z|null"));
  }

  @Test
  void replaceNullWithDefaultWritesTheSchemaDefaultUnlessTurnedOff() throws Exception {
    String filled = prefix + "_filled";
    String nulls = prefix + "_nulls";
    for (String topic : List.of(filled, nulls)) {
      Map<String, String> config = sink(topic);
      config.put("auto.create", "true");
      // Two sinks write at once: on SQLite one may be told "busy" (or, with the test's own reads
      // in the same process, an I/O error) after its row is in, and write it again, as
      // at-least-once allows. Upserts keep the one row this test is about.
      config.put("insert.mode", "upsert");
      config.put("pk.mode", "record_value");
      config.put("pk.fields", "id");
      // The converter must hand the null over, not the default, for the sink's key to decide.
      config.put("value.converter.replace.null.with.default", "false");
      if (topic.equals(nulls)) {
        config.put("replace.null.with.default", "false");
      }
      connect.createConnector(topic, config);
      send(
          topic,
          of(
              null,
              "{\"schema\":{\"type\":\"struct\",\"fields\":["
                  + "{\"field\":\"id\",\"type\":\"int32\",\"optional\":false},"
                  + "{\"field\":\"name\",\"type\":\"string\",\"optional\":true,"
                  + "\"default\":\"none\"}]},\"payload\":{\"id\":1,\"name\":null}}"));
    }

    awaitRows("SELECT id, name FROM " + filled, "1|none");
    awaitRows("SELECT id, name FROM " + nulls, "1|null");
  }

  @Test
  void validationNamesTheKeyToChange() throws Exception {
    String topic = prefix + "_checked";
    execute("CREATE TABLE " + topic + " (id INT PRIMARY KEY, name VARCHAR(100))");
    Map<String, String> good = sink(topic);
    good.put("name", prefix);
    assertThat(errors(good)).isEmpty();

    Map<String, String> badUrl = new HashMap<>(good);
    badUrl.put("connection.url", unreachableUrl());
    assertThat(errors(badUrl)).containsOnlyKeys("connection.url");

    Map<String, String> missing = new HashMap<>(good);
    missing.put("topics", prefix + "_absent");
    assertThat(errors(missing)).containsOnlyKeys("auto.create");
    assertThat(errors(missing).get("auto.create").get(0)).contains(prefix + "_absent");

    Map<String, String> upsertNoKey = new HashMap<>(good);
    upsertNoKey.put("insert.mode", "upsert");
    assertThat(errors(upsertNoKey)).containsOnlyKeys("pk.mode");

    Map<String, String> deleteByValue = new HashMap<>(good);
    deleteByValue.put("delete.enabled", "true");
    deleteByValue.put("pk.mode", "record_value");
    assertThat(errors(deleteByValue)).containsOnlyKeys("delete.enabled");

    Map<String, String> arrays = new HashMap<>(good);
    arrays.put("sql.complex.types.enable", "true");
    assertThat(errors(arrays)).containsOnlyKeys("sql.complex.types.enable");
  }

  Map<String, List<String>> errors(Map<String, String> config) {
    ConfigInfos infos = connect.herder().validate(config);
    Map<String, List<String>> errors = new HashMap<>();
    for (ConfigInfos.ConfigInfo info : infos.configs()) {
      if (!info.value().errors().isEmpty()) {
        errors.put(info.value().name(), info.value().errors());
      }
    }
    return errors;
  }
}
