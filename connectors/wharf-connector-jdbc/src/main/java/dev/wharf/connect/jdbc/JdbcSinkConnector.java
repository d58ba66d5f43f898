package dev.wharf.connect.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Writes topics into database tables, config-compatible with Confluent's JDBC sink: {@code
 * io.confluent.connect.jdbc.JdbcSinkConnector} in this plugin is this class under Confluent's name.
 * Every task gets the same config; the topic partitions are spread by the consumer group.
 */
public class JdbcSinkConnector extends SinkConnector {
  private Map<String, String> props;

  @Override
  public String version() {
    return Versions.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    JdbcSinkConfig config = new JdbcSinkConfig(props);
    Map<String, String> problems = config.problems();
    if (!problems.isEmpty()) {
      throw new ConnectException(String.join("; ", problems.values()));
    }
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return JdbcSinkTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>();
    for (int i = 0; i < maxTasks; i++) {
      configs.add(props);
    }
    return configs;
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return JdbcSinkConfig.DEF;
  }

  /**
   * The key-by-key checks, then the cross-key rules, then a connection: a failure to connect lands
   * on {@code connection.url} (or on user and password when the database refuses them), and a table
   * missing for a listed topic on {@code auto.create}.
   */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config result = super.validate(connectorConfigs);
    if (result.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty())) {
      return result;
    }
    JdbcSinkConfig config = new JdbcSinkConfig(connectorConfigs);
    Map<String, String> problems = config.problems();
    problems.forEach((key, message) -> value(result, key).addErrorMessage(message));
    if (config.url().isBlank()) {
      value(result, JdbcSinkConfig.URL).addErrorMessage("connection.url is required");
      return result;
    }
    if (!problems.isEmpty()) {
      return result;
    }
    Dialect dialect;
    try {
      dialect = config.dialect();
    } catch (IllegalArgumentException e) {
      value(result, JdbcSinkConfig.DIALECT).addErrorMessage(e.getMessage());
      return result;
    }
    try (Connection connection = ConnectionProvider.open(config.connection(), dialect)) {
      if (!config.getBoolean(JdbcSinkConfig.AUTO_CREATE)) {
        checkTables(connection, config, dialect, connectorConfigs.get("topics"), result);
      }
    } catch (SQLException e) {
      ConnectionFailures.report(result, config.url(), e);
    }
    return result;
  }

  private static void checkTables(
      Connection connection, JdbcSinkConfig config, Dialect dialect, String topics, Config result)
      throws SQLException {
    if (topics == null || topics.isBlank()) {
      return;
    }
    String format = config.getString(JdbcSinkConfig.TABLE_FORMAT);
    for (String topic : topics.split(",")) {
      if (topic.isBlank()) {
        continue;
      }
      TableId table = TableNames.table(format, topic.trim(), dialect);
      if (TableDefinition.find(connection, table, dialect) == null) {
        value(result, JdbcSinkConfig.AUTO_CREATE)
            .addErrorMessage(
                "Table "
                    + table.fullName()
                    + " (for topic "
                    + topic.trim()
                    + ") does not exist in "
                    + config.url()
                    + ": create it, or set auto.create=true");
      }
    }
  }

  private static ConfigValue value(Config config, String name) {
    return config.configValues().stream()
        .filter(v -> v.name().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
