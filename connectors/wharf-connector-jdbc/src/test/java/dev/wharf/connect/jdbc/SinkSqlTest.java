package dev.wharf.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;

/** The statements and names each dialect generates for the sink. */
class SinkSqlTest {
  @Test
  void upsertPerDialect() {
    assertThat(Dialect.postgres().upsert("t", List.of("\"id\""), List.of("\"a\"", "\"b\"")))
        .isEqualTo(
            "INSERT INTO t (\"id\",\"a\",\"b\") VALUES (?,?,?) ON CONFLICT (\"id\") DO UPDATE SET"
                + " \"a\"=EXCLUDED.\"a\",\"b\"=EXCLUDED.\"b\"");
    assertThat(Dialect.postgres().upsert("t", List.of("k"), List.of()))
        .isEqualTo("INSERT INTO t (k) VALUES (?) ON CONFLICT (k) DO NOTHING");
    assertThat(Dialect.mysql().upsert("t", List.of("`id`"), List.of("`a`")))
        .isEqualTo("INSERT INTO t (`id`,`a`) VALUES (?,?) ON DUPLICATE KEY UPDATE `a`=VALUES(`a`)");
    assertThat(Dialect.sqlite().upsert("t", List.of("k"), List.of("v")))
        .isEqualTo("INSERT INTO t (k,v) VALUES (?,?) ON CONFLICT (k) DO UPDATE SET v=EXCLUDED.v");
    assertThatThrownBy(() -> Dialect.generic().upsert("t", List.of("k"), List.of("v")))
        .hasMessageContaining("has no upsert");
  }

  @Test
  void dialectFromUrlOrName() {
    assertThat(Dialect.choose("", "jdbc:mariadb://h/db")).isInstanceOf(MySqlDialect.class);
    assertThat(Dialect.choose("", "jdbc:mysql://h/db")).isInstanceOf(MySqlDialect.class);
    assertThat(Dialect.choose("MySqlDatabaseDialect", "jdbc:x:")).isInstanceOf(MySqlDialect.class);
    assertThat(Dialect.mysql().identifier("a`b", true)).isEqualTo("`a``b`");
  }

  @Test
  void columnTypesKeepKeysIndexable() {
    assertThat(Dialect.mysql().columnType(Schema.STRING_SCHEMA, true)).isEqualTo("VARCHAR(255)");
    assertThat(Dialect.mysql().columnType(Schema.STRING_SCHEMA, false)).isEqualTo("LONGTEXT");
    assertThat(Dialect.mysql().columnType(Decimal.schema(2), false)).isEqualTo("DECIMAL(65,2)");
    assertThat(Dialect.postgres().columnType(Schema.BYTES_SCHEMA, false)).isEqualTo("BYTEA");
    assertThat(Dialect.postgres().columnType(Decimal.schema(2), false)).isEqualTo("DECIMAL");
    assertThat(Dialect.sqlite().columnType(Schema.BOOLEAN_SCHEMA, false)).isEqualTo("INTEGER");
    assertThat(
            Dialect.postgres()
                .columnType(org.apache.kafka.connect.data.SchemaBuilder.struct().build(), false))
        .isNull();
  }

  @Test
  void dotsInTopicsBecomeUnderscoresAndDotsInTheFormatSeparateSchemas() {
    assertThat(TableNames.table("${topic}", "shop.orders", Dialect.postgres()))
        .isEqualTo(new TableId(null, null, "shop_orders"));
    assertThat(TableNames.table("archive.${topic}", "shop.orders", Dialect.postgres()))
        .isEqualTo(new TableId(null, "archive", "shop_orders"));
    assertThat(TableNames.table("app.${topic}_v1", "a.b", Dialect.mysql()))
        .isEqualTo(new TableId("app", null, "a_b_v1"));
  }

  @Test
  void crossKeyRulesNameTheKeyToChange() {
    Map<String, String> base = Map.of("connection.url", "jdbc:postgresql://h/db");
    assertThat(problems(base, "insert.mode", "upsert")).containsOnlyKeys("pk.mode");
    assertThat(problems(base, "delete.enabled", "true")).containsOnlyKeys("delete.enabled");
    assertThat(problems(base, "table.name.format", "a..b")).containsOnlyKeys("table.name.format");
    Map<String, String> generic =
        Map.of("connection.url", "jdbc:h2:mem:x", "insert.mode", "upsert", "pk.mode", "kafka");
    assertThat(new JdbcSinkConfig(generic).problems()).containsOnlyKeys("insert.mode");
  }

  private static Map<String, String> problems(Map<String, String> base, String key, String value) {
    Map<String, String> props = new java.util.HashMap<>(base);
    props.put(key, value);
    return new JdbcSinkConfig(props).problems();
  }
}
