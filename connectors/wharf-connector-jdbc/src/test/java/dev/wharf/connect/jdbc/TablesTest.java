package dev.wharf.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TablesTest {
  private static final List<TableId> ALL =
      List.of(
          new TableId("db", "public", "clicks"),
          new TableId("db", "public", "Orders"),
          new TableId("db", "audit", "clicks"));

  private static JdbcSourceConfig config(String key, String value) {
    return new JdbcSourceConfig(
        Map.of("connection.url", "jdbc:postgresql://h/db", "mode", "bulk", key, value));
  }

  @Test
  void whitelistEntriesMatchBareQualifiedAndQuotedNames() {
    assertThat(Tables.selected(ALL, config("table.whitelist", "Orders, db.audit.clicks")))
        .containsExactly(ALL.get(1), ALL.get(2));
    assertThat(Tables.selected(ALL, config("table.whitelist", "\"db\".\"public\".\"clicks\"")))
        .containsExactly(ALL.get(0));
    assertThat(Tables.missing(ALL, config("table.whitelist", "clicks,orders")))
        .containsExactly("orders");
  }

  @Test
  void blacklistRemovesAndSameNamesInTwoSchemasAreReported() {
    List<TableId> selected = Tables.selected(ALL, config("table.blacklist", "Orders"));
    assertThat(selected).containsExactly(ALL.get(0), ALL.get(2));
    assertThat(Tables.duplicateNames(selected)).containsExactly("clicks");
  }

  @Test
  void dialectComesFromTheUrlOrItsName() {
    assertThat(Dialect.choose("", "jdbc:postgresql://h/db").name())
        .isEqualTo("PostgreSqlDatabaseDialect");
    assertThat(Dialect.choose(null, "jdbc:sqlite:/tmp/x.db").name())
        .isEqualTo("SqliteDatabaseDialect");
    assertThat(Dialect.choose("", "jdbc:h2:mem:x").name()).isEqualTo("GenericDatabaseDialect");
    assertThatThrownBy(() -> Dialect.choose("OracleDatabaseDialect", "jdbc:oracle:thin:@h"))
        .hasMessageContaining("Unsupported dialect 'OracleDatabaseDialect'");
  }
}
