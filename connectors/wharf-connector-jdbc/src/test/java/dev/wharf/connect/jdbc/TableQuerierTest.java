package dev.wharf.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableQuerierTest {
  private static JdbcSourceConfig config(String mode, String... extra) {
    Map<String, String> props = new HashMap<>();
    props.put("connection.url", "jdbc:postgresql://localhost/db");
    props.put("mode", mode);
    props.put("incrementing.column.name", "Id");
    props.put("timestamp.column.name", "a,b");
    for (int i = 0; i < extra.length; i += 2) {
      props.put(extra[i], extra[i + 1]);
    }
    return new JdbcSourceConfig(props);
  }

  private static String sql(JdbcSourceConfig config) {
    TableId table = new TableId(null, "public", "we\"ird");
    return new TableQuerier(config, Dialect.postgres(), table, null).sql();
  }

  @Test
  void incrementingQueryQuotesIdentifiers() {
    assertThat(sql(config("incrementing")))
        .isEqualTo("SELECT * FROM \"public\".\"we\"\"ird\" WHERE \"Id\" > ? ORDER BY \"Id\" ASC");
  }

  @Test
  void timestampQueryCoalescesColumnsAndHasAnUpperBound() {
    assertThat(sql(config("timestamp", "quote.sql.identifiers", "never")))
        .isEqualTo(
            "SELECT * FROM public.we\"ird WHERE COALESCE(a,b) > ? AND COALESCE(a,b) < ?"
                + " ORDER BY COALESCE(a,b) ASC");
  }

  @Test
  void timestampIncrementingQueryAndSuffix() {
    assertThat(
            sql(
                config(
                    "timestamp+incrementing",
                    "timestamp.column.name",
                    "ts",
                    "query.suffix",
                    "LIMIT 10")))
        .isEqualTo(
            "SELECT * FROM \"public\".\"we\"\"ird\" WHERE \"ts\" < ? AND ((\"ts\" = ? AND \"Id\" > ?)"
                + " OR \"ts\" > ?) ORDER BY \"ts\",\"Id\" ASC LIMIT 10");
  }

  @Test
  void partitionsAreConfluents() {
    TableId table = new TableId(null, "public", "clicks");
    assertThat(TableQuerier.partition(config("incrementing"), table))
        .isEqualTo(Map.of("protocol", "1", "table", "public.clicks"));
    assertThat(TableQuerier.partition(config("bulk"), table)).isEqualTo(Map.of("table", "clicks"));
    assertThat(TableQuerier.partition(config("incrementing"), null))
        .isEqualTo(Map.of("query", "query"));
  }

  @Test
  void tableIdsSurviveTheTaskConfig() {
    List<TableId> tables =
        List.of(new TableId("c.a,t", null, "t.a,b~%"), new TableId(null, "public", "clicks"));
    assertThat(TableId.decodeAll(TableId.encodeAll(tables))).isEqualTo(tables);
  }
}
