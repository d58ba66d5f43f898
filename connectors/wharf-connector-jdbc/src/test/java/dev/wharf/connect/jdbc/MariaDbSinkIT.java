package dev.wharf.connect.jdbc;

import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sink contract on the MariaDB (or MySQL) server named by {@code WHARF_TEST_MYSQL_URL}; skipped
 * with a message when it is not set ({@code .ci/run} sets it up).
 */
@ExtendWith({SharedKafkaBroker.class, MariaDb.Required.class})
class MariaDbSinkIT extends SinkContract {
  MariaDbSinkIT(EmbeddedKafkaBroker broker) {
    super(broker);
  }

  @Override
  String url() {
    return MariaDb.url();
  }

  @Override
  Map<String, String> credentials() {
    return Map.of();
  }

  @Override
  String unreachableUrl() {
    return "jdbc:mariadb://127.0.0.1:1/wharf";
  }
}
