package dev.wharf.connect.jdbc;

import java.sql.SQLException;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

/**
 * How {@code /config/validate} reports a database that could not be reached: a refused login
 * (SQLState class 28) on {@code connection.user} and {@code connection.password}, anything else on
 * {@code connection.url}, in plain words with the driver's message.
 */
final class ConnectionFailures {
  private ConnectionFailures() {}

  static void report(Config result, String url, SQLException e) {
    String state = e.getSQLState();
    if (state != null && state.startsWith("28")) {
      String message =
          "The database at "
              + url
              + " refused the login: check connection.user and connection.password ("
              + e.getMessage()
              + ")";
      value(result, "connection.user").addErrorMessage(message);
      value(result, "connection.password").addErrorMessage(message);
    } else {
      value(result, "connection.url")
          .addErrorMessage(
              "Cannot connect to " + url + ": check connection.url (" + e.getMessage() + ")");
    }
  }

  private static ConfigValue value(Config config, String name) {
    return config.configValues().stream()
        .filter(value -> value.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no config value " + name));
  }
}
