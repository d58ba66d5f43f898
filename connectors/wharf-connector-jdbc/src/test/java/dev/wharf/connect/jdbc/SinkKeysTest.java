package dev.wharf.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

/** Confluent's sink keys beyond the basics: their validation and the timestamp conversion. */
class SinkKeysTest {
  private static final String ORIGIN = "t-0@5";

  private static Map<String, List<String>> errors(Map<String, String> extra) {
    Map<String, String> config = new HashMap<>();
    config.put("connection.url", "jdbc:sqlite:/nonexistent/dir/x.db");
    config.putAll(extra);
    Map<String, List<String>> errors = new HashMap<>();
    for (ConfigValue value : new JdbcSinkConnector().validate(config).configValues()) {
      if (!value.errorMessages().isEmpty()) {
        errors.put(value.name(), value.errorMessages());
      }
    }
    return errors;
  }

  @Test
  void unsupportedChoicesAreRefusedOnTheirOwnKey() {
    assertThat(errors(Map.of("jdbc.credentials.provider.class", "com.example.Vault")))
        .containsOnlyKeys("jdbc.credentials.provider.class");
    assertThat(errors(Map.of("jdbc.credentials.provider.class", "com.example.Vault")).values())
        .flatExtracting(v -> v)
        .anySatisfy(m -> assertThat(m).contains("connection.password"));
    assertThat(errors(Map.of("sql.complex.types.enable", "true")))
        .containsOnlyKeys("sql.complex.types.enable");
    assertThat(errors(Map.of("date.timezone", "Europe/Paris"))).containsOnlyKeys("date.timezone");
    assertThat(errors(Map.of("timestamp.precision.mode", "millis")))
        .containsOnlyKeys("timestamp.precision.mode");
  }

  @Test
  void confluentsValuesAreAccepted() {
    JdbcSinkConfig config =
        new JdbcSinkConfig(
            Map.of(
                "connection.url", "jdbc:sqlite:x.db",
                "date.timezone", "utc",
                "timestamp.precision.mode", "NANOSECONDS",
                "replace.null.with.default", "false",
                "jdbc.credentials.provider.class", JdbcSinkConfig.DEFAULT_CREDENTIALS_PROVIDER,
                "mssql.use.merge.holdlock", "false",
                "trim.sensitive.log", "true",
                "connection.loginTimeout", "7"));
    assertThat(config.datesInDbZone()).isFalse();
    assertThat(config.nanosecondTimestamps()).isTrue();
    assertThat(config.replaceNullWithDefault()).isFalse();
    assertThat(config.connection().driverProperties())
        .containsExactly(Map.entry("loginTimeout", "7"));
    JdbcSinkConfig defaults = new JdbcSinkConfig(Map.of("connection.url", "jdbc:sqlite:x.db"));
    assertThat(defaults.datesInDbZone()).isTrue();
    assertThat(defaults.replaceNullWithDefault()).isTrue();
    assertThat(defaults.nanosecondTimestamps()).isFalse();
  }

  @Test
  void listedFieldsBecomeTimestampsWithTheirSubMillisecondPart() {
    TimestampFields micros = new TimestampFields(List.of("at", "iso"), false, ZoneId.of("UTC"));
    SinkRow.Field at =
        micros.convert(new SinkRow.Field("at", Schema.INT64_SCHEMA, 1767323045123456L), ORIGIN);
    assertThat(at.schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
    assertThat(at.schema().isOptional()).isFalse();
    assertThat(((java.sql.Timestamp) at.value()).toInstant())
        .hasToString("2026-01-02T03:04:05.123456Z");

    SinkRow.Field iso =
        micros.convert(
            new SinkRow.Field("iso", Schema.OPTIONAL_STRING_SCHEMA, "2026-01-02 03:04:05.1234567"),
            ORIGIN);
    assertThat(iso.schema().isOptional()).isTrue();
    assertThat(((java.sql.Timestamp) iso.value()).toInstant())
        .hasToString("2026-01-02T03:04:05.123456Z");

    SinkRow.Field other = new SinkRow.Field("name", Schema.STRING_SCHEMA, "x");
    assertThat(micros.convert(other, ORIGIN)).isSameAs(other);

    TimestampFields nanos = new TimestampFields(List.of("at"), true, ZoneId.of("Europe/Paris"));
    assertThat(
            ((java.sql.Timestamp)
                    nanos
                        .convert(new SinkRow.Field("at", null, 1767323045123456789L), ORIGIN)
                        .value())
                .toInstant())
        .hasToString("2026-01-02T03:04:05.123456789Z");
    assertThat(
            ((java.sql.Timestamp)
                    nanos
                        .convert(new SinkRow.Field("at", null, "2026-01-02T04:04:05"), ORIGIN)
                        .value())
                .toInstant())
        .hasToString("2026-01-02T03:04:05Z");
    assertThat(
            ((java.sql.Timestamp)
                    nanos
                        .convert(new SinkRow.Field("at", null, "2026-01-02T04:04:05+01:00"), ORIGIN)
                        .value())
                .toInstant())
        .hasToString("2026-01-02T03:04:05Z");
  }

  @Test
  void aListedFieldOfAnotherTypeOrTextFailsInPlainWords() {
    TimestampFields fields = new TimestampFields(List.of("at"), false, ZoneId.of("UTC"));
    assertThatThrownBy(
            () -> fields.convert(new SinkRow.Field("at", Schema.INT32_SCHEMA, 5), ORIGIN))
        .hasMessageContaining("timestamp.fields.list names 'at', which is INT32 in record t-0@5");
    assertThatThrownBy(
            () -> fields.convert(new SinkRow.Field("at", Schema.STRING_SCHEMA, "soon"), ORIGIN))
        .hasMessageContaining("'soon' is not an ISO-8601 date and time");
  }
}
