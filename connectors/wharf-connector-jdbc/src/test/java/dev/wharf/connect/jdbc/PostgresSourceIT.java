package dev.wharf.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.connect.testing.ConnectFixture;
import dev.wharf.connect.validation.ConfigInfos;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The JDBC source loaded from its plugin directory, on a real broker and a real PostgreSQL. */
@ExtendWith(SharedKafkaBroker.class)
class PostgresSourceIT {
  private static final AtomicInteger UNIQUE = new AtomicInteger();
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
  private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {};

  private final EmbeddedKafkaBroker broker;
  private String prefix;
  private ConnectFixture connect;

  PostgresSourceIT(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  @BeforeEach
  void start() {
    prefix = "jdbc-pg-" + UNIQUE.incrementAndGet();
    connect = new ConnectFixture(broker.bootstrapServers(), prefix);
  }

  @AfterEach
  void stop() {
    connect.close();
  }

  private Map<String, String> source(String db, String mode, String table) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "io.confluent.connect.jdbc.JdbcSourceConnector");
    config.put("connection.url", Postgres.url(db));
    config.put("connection.user", "root");
    config.put("mode", mode);
    config.put("table.whitelist", table);
    config.put("topic.prefix", prefix + "-");
    config.put("poll.interval.ms", "100");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    config.put("value.converter.decimal.format", "NUMERIC");
    return config;
  }

  private void awaitCount(String topic, int count) {
    await().atMost(ConnectFixture.WAIT).until(() -> connect.values(topic).size() >= count);
    assertThat(connect.values(topic)).hasSize(count);
  }

  @Test
  void seedConfigCopiesClicksAndFollowsNewRows() throws Exception {
    String db = Postgres.newDatabase("classroom");
    Postgres.execute(
        db,
        "CREATE TABLE clicks (id SERIAL PRIMARY KEY, url TEXT NOT NULL, at TIMESTAMP)",
        "INSERT INTO clicks (url, at) VALUES ('/a', '2026-01-01 10:00:00'), ('/b', NULL)");
    Map<String, String> seed = new HashMap<>();
    seed.put("connector.class", "io.confluent.connect.jdbc.JdbcSourceConnector");
    seed.put("mode", "incrementing");
    seed.put("incrementing.column.name", "id");
    seed.put("table.whitelist", "clicks");
    seed.put("topic.prefix", "connector-");
    seed.put("connection.url", Postgres.url(db));
    seed.put("connection.user", "root");
    seed.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    seed.put("value.converter.schemas.enable", "false");
    connect.createConnector("clicks-source", seed);

    await().atMost(ConnectFixture.WAIT).until(() -> connect.values("connector-clicks").size() >= 2);
    assertThat(connect.values("connector-clicks"))
        .containsExactly(
            "{\"id\":1,\"url\":\"/a\",\"at\":1767261600000}",
            "{\"id\":2,\"url\":\"/b\",\"at\":null}");

    Postgres.execute(db, "INSERT INTO clicks (url) VALUES ('/c')");
    await().atMost(ConnectFixture.WAIT).until(() -> connect.values("connector-clicks").size() >= 3);
    assertThat(connect.values("connector-clicks"))
        .hasSize(3)
        .last()
        .isEqualTo("{\"id\":3,\"url\":\"/c\",\"at\":null}");
  }

  // pgjdbc reports the database as the catalog, so Confluent's partition (built from the same
  // metadata) names the table database.schema.table.
  @Test
  void restartResumesFromTheCommittedOffsetWithExactCounts() throws Exception {
    String db = Postgres.newDatabase(null);
    Postgres.execute(
        db,
        "CREATE TABLE events (id BIGSERIAL PRIMARY KEY, name TEXT)",
        "INSERT INTO events (name) SELECT 'e' || g FROM generate_series(1, 2500) g");
    Map<String, String> config = source(db, "incrementing", "events");
    config.put("incrementing.column.name", "id");
    config.put("batch.max.rows", "100");
    connect.createConnector("events", config);
    String topic = prefix + "-events";
    awaitCount(topic, 2500);
    connect.close();

    Postgres.execute(
        db, "INSERT INTO events (name) SELECT 'f' || g FROM generate_series(1, 500) g");
    connect = new ConnectFixture(broker.bootstrapServers(), prefix);
    awaitCount(topic, 3000);
    List<String> values = connect.values(topic);
    assertThat(values.stream().distinct()).hasSize(3000);
    assertThat(values.get(2999)).isEqualTo("{\"id\":3000,\"name\":\"f500\"}");
    await()
        .atMost(ConnectFixture.WAIT)
        .untilAsserted(
            () ->
                assertThat(committedOffsets("events"))
                    .containsEntry(
                        Map.of("protocol", "1", "table", db + ".public.events"),
                        Map.of("incrementing", 3000L)));
  }

  @Test
  void storedConfluentOffsetsAreHonoured() throws Exception {
    String db = Postgres.newDatabase(null);
    Postgres.execute(
        db,
        "CREATE TABLE moved (id INT PRIMARY KEY, name TEXT)",
        "INSERT INTO moved SELECT g, 'm' || g FROM generate_series(1, 10) g");
    // Sent in the order Confluent's connector builds its partition (a default-sized HashMap), since
    // the stored key is the serialized map.
    Map<String, String> partition = new HashMap<>();
    partition.put("protocol", "1");
    partition.put("table", db + ".public.moved");
    Map<String, String> config = source(db, "incrementing", "moved");
    config.put("incrementing.column.name", "id");
    connect.createConnector("moved", config, "STOPPED");
    connect.awaitConnectorState("moved", "STOPPED");
    connect.patchOffsets("moved", Map.of(partition, Map.of("incrementing", 7)));
    connect.resume("moved");
    awaitCount(prefix + "-moved", 3);
    assertThat(connect.values(prefix + "-moved")).first().isEqualTo("{\"id\":8,\"name\":\"m8\"}");
  }

  @Test
  void timestampModeReadsRowsSharingATimestampAndLaterUpdates() throws Exception {
    String db = Postgres.newDatabase(null);
    Postgres.execute(
        db,
        "CREATE TABLE ts (id INT PRIMARY KEY, name TEXT, updated TIMESTAMP NOT NULL)",
        "INSERT INTO ts VALUES (1, 'a', '2026-01-01 00:00:00'), (2, 'b', '2026-01-01 00:00:00'),"
            + " (3, 'c', '2026-01-02 00:00:00')");
    Map<String, String> config = source(db, "timestamp", "ts");
    config.put("timestamp.column.name", "updated");
    config.put("batch.max.rows", "1");
    connect.createConnector("ts", config);
    String topic = prefix + "-ts";
    awaitCount(topic, 3);
    Postgres.execute(
        db, "UPDATE ts SET name = 'a2', updated = now() - interval '1 second' WHERE id = 1");
    awaitCount(topic, 4);
    assertThat(connect.values(topic).get(3)).contains("\"name\":\"a2\"");
  }

  @Test
  void timestampIncrementingModeOrdersByTimestampThenId() throws Exception {
    String db = Postgres.newDatabase(null);
    Postgres.execute(
        db,
        "CREATE TABLE ti (id INT PRIMARY KEY, updated TIMESTAMP NOT NULL)",
        "INSERT INTO ti VALUES (2, '2026-01-01 00:00:00'), (1, '2026-01-01 00:00:00'),"
            + " (3, '2025-01-01 00:00:00')");
    Map<String, String> config = source(db, "timestamp+incrementing", "ti");
    config.put("timestamp.column.name", "updated");
    config.put("incrementing.column.name", "id");
    connect.createConnector("ti", config);
    String topic = prefix + "-ti";
    awaitCount(topic, 3);
    assertThat(connect.values(topic))
        .extracting(v -> v.substring(0, v.indexOf(',')))
        .containsExactly("{\"id\":3", "{\"id\":1", "{\"id\":2");
    await()
        .atMost(ConnectFixture.WAIT)
        .untilAsserted(
            () ->
                assertThat(committedOffsets("ti"))
                    .containsEntry(
                        Map.of("protocol", "1", "table", db + ".public.ti"),
                        Map.of(
                            "incrementing",
                            2L,
                            "timestamp",
                            1767225600000L,
                            "timestamp_nanos",
                            0L)));
  }

  @Test
  void bulkModeCopiesTheWholeTableOnEveryPoll() throws Exception {
    String db = Postgres.newDatabase(null);
    Postgres.execute(db, "CREATE TABLE b (id INT)", "INSERT INTO b VALUES (1), (2)");
    connect.createConnector("bulk", source(db, "bulk", "b"));
    String topic = prefix + "-b";
    await().atMost(ConnectFixture.WAIT).until(() -> connect.values(topic).size() >= 6);
    assertThat(connect.values(topic).subList(0, 4))
        .containsExactly("{\"id\":1}", "{\"id\":2}", "{\"id\":1}", "{\"id\":2}");
  }

  @Test
  void queryModeWritesToThePrefixTopic() throws Exception {
    String db = Postgres.newDatabase(null);
    Postgres.execute(
        db,
        "CREATE TABLE orders (id INT PRIMARY KEY, amount INT)",
        "INSERT INTO orders VALUES (1, 10), (2, 20), (3, 30)");
    Map<String, String> config = source(db, "incrementing", "");
    config.remove("table.whitelist");
    config.put("query", "SELECT id, amount * 2 AS doubled FROM orders");
    config.put("incrementing.column.name", "id");
    config.put("topic.prefix", prefix + "-orders-doubled");
    connect.createConnector("query", config);
    awaitCount(prefix + "-orders-doubled", 3);
    assertThat(connect.values(prefix + "-orders-doubled"))
        .containsExactly(
            "{\"id\":1,\"doubled\":20}", "{\"id\":2,\"doubled\":40}", "{\"id\":3,\"doubled\":60}");
  }

  @Test
  void tablesAreSpreadOverTasksAndOddNamesAreQuoted() throws Exception {
    String db = Postgres.newDatabase(null);
    Postgres.execute(
        db,
        "CREATE TABLE \"MixedCase\" (\"Id\" INT PRIMARY KEY)",
        "CREATE TABLE \"with.dot\" (\"Id\" INT PRIMARY KEY)",
        "CREATE TABLE plain (\"Id\" INT PRIMARY KEY)",
        "INSERT INTO \"MixedCase\" VALUES (1)",
        "INSERT INTO \"with.dot\" VALUES (2)",
        "INSERT INTO plain VALUES (3)");
    Map<String, String> config = source(db, "incrementing", "");
    config.remove("table.whitelist");
    config.put("incrementing.column.name", "Id");
    config.put("topic.prefix", prefix + "-");
    config.put("tasks.max", "2");
    connect.createConnector("spread", config);
    connect.awaitTasksRunning("spread", 2);
    awaitCount(prefix + "-MixedCase", 1);
    awaitCount(prefix + "-with.dot", 1);
    awaitCount(prefix + "-plain", 1);
    assertThat(connect.values(prefix + "-plain")).containsExactly("{\"Id\":3}");
    assertThat(connect.values(prefix + "-with.dot")).containsExactly("{\"Id\":2}");
  }

  @Test
  void typesMapToConnectTypesInTheDatabaseTimeZone() throws Exception {
    String db = Postgres.newDatabase(null);
    Postgres.execute(
        db,
        "CREATE TABLE types (id INT PRIMARY KEY, s SMALLINT, b BIGINT, r REAL, d DOUBLE PRECISION,"
            + " amount NUMERIC(10,2), whole NUMERIC(12,0), free NUMERIC, t TEXT, v VARCHAR(5),"
            + " ok BOOLEAN, raw BYTEA, day DATE, tm TIME, at TIMESTAMP, atz TIMESTAMPTZ, u UUID,"
            + " j JSONB)",
        "INSERT INTO types VALUES (1, 7, 9000000000, 1.5, 2.25, 12.34, 123456789012, 1.000001,"
            + " 'text', 'abc', true, '\\x0102', '2026-01-02', '03:04:05', '2026-01-02 03:04:05',"
            + " '2026-01-02 03:04:05+00', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"k\": 1}')");
    Map<String, String> config = source(db, "incrementing", "types");
    config.put("incrementing.column.name", "id");
    config.put("db.timezone", "Europe/Paris");
    connect.createConnector("types", config);
    awaitCount(prefix + "-types", 1);
    // 2026-01-02 03:04:05 in Paris is 02:04:05 UTC; TIMESTAMPTZ is an instant whatever the zone.
    assertThat(connect.values(prefix + "-types").get(0))
        .isEqualTo(
            "{\"id\":1,\"s\":7,\"b\":9000000000,\"r\":1.5,\"d\":2.25,\"amount\":12.34,"
                + "\"whole\":123456789012,\"free\":\"1.000001\",\"t\":\"text\",\"v\":\"abc\","
                + "\"ok\":true,\"raw\":\"AQI=\",\"day\":20455,\"tm\":11045000,"
                + "\"at\":1767319445000,\"atz\":1767323045000,"
                + "\"u\":\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\",\"j\":\"{\\\"k\\\": 1}\"}");

    Map<String, String> bestFit = source(db, "incrementing", "types");
    bestFit.put("incrementing.column.name", "id");
    bestFit.put("numeric.mapping", "best_fit");
    bestFit.put("topic.prefix", prefix + "-fit-");
    connect.createConnector("types-fit", bestFit);
    awaitCount(prefix + "-fit-types", 1);
    assertThat(connect.values(prefix + "-fit-types").get(0))
        .contains("\"amount\":12.34,\"whole\":123456789012,");
  }

  @Test
  void validationReportsConnectionAndTableProblemsOnTheirKeys() throws Exception {
    String db = Postgres.newDatabase(null);
    Postgres.execute(db, "CREATE TABLE present (id INT PRIMARY KEY)");
    Map<String, String> good = source(db, "incrementing", "present");
    good.put("incrementing.column.name", "id");
    good.put("name", "validated");
    assertThat(errors(good)).isEmpty();

    Map<String, String> badUrl = new HashMap<>(good);
    badUrl.put("connection.url", "jdbc:postgresql://localhost:1/" + db);
    assertThat(errors(badUrl)).containsOnlyKeys("connection.url");

    Map<String, String> badUser = new HashMap<>(good);
    badUser.put("connection.user", "nobody");
    assertThat(errors(badUser)).containsOnlyKeys("connection.user", "connection.password");

    Map<String, String> missing = new HashMap<>(good);
    missing.put("table.whitelist", "absent");
    assertThat(errors(missing)).containsOnlyKeys("table.whitelist");
    assertThat(errors(missing).get("table.whitelist").get(0)).contains("absent");

    Map<String, String> noColumn = new HashMap<>(good);
    noColumn.put("incrementing.column.name", "nope");
    assertThat(errors(noColumn)).containsOnlyKeys("incrementing.column.name");

    Map<String, String> noMode = new HashMap<>(good);
    noMode.remove("mode");
    assertThat(errors(noMode)).containsKey("mode");
  }

  /**
   * The offsets {@code connector} committed, as GET /connectors/{name}/offsets lists them: each
   * partition to its offset, with every integer a Long (as Confluent's offsets hold them).
   */
  private Map<Map<String, Object>, Map<String, Object>> committedOffsets(String connector) {
    Map<Map<String, Object>, Map<String, Object>> offsets = new HashMap<>();
    for (JsonNode entry : connect.offsets(connector)) {
      offsets.put(
          JSON.convertValue(entry.path("partition"), FIELDS),
          JSON.convertValue(entry.path("offset"), FIELDS));
    }
    return offsets;
  }

  private Map<String, List<String>> errors(Map<String, String> config) {
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
