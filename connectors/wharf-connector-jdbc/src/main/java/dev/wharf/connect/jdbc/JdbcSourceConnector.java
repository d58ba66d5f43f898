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
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.util.ConnectorUtils;

/**
 * Copies database tables (or one custom query) into Kafka topics, config-compatible with
 * Confluent's JDBC source: {@code io.confluent.connect.jdbc.JdbcSourceConnector} in this plugin is
 * this class under Confluent's name. Tables are listed when the connector starts and spread over
 * {@code tasks.max} tasks in contiguous groups; a table is never split.
 */
public class JdbcSourceConnector extends SourceConnector {
  private Map<String, String> props;
  private volatile List<TableId> tables = List.of();
  private TableMonitor monitor;
  private boolean queryMode;

  @Override
  public String version() {
    return Versions.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    this.props = Map.copyOf(props);
    JdbcSourceConfig config = new JdbcSourceConfig(props);
    List<String> problems = ModeChecks.problems(config).values().stream().toList();
    if (!problems.isEmpty()) {
      throw new ConnectException(String.join("; ", problems));
    }
    queryMode = config.queryMode();
    if (queryMode) {
      return;
    }
    Dialect dialect = Dialect.choose(config.getString(JdbcSourceConfig.DIALECT), config.url());
    try (Connection connection = ConnectionProvider.openWithRetries(config.connection(), dialect)) {
      List<TableId> all = Tables.all(connection, config, dialect);
      List<String> missing = Tables.missing(all, config);
      if (!missing.isEmpty()) {
        throw new ConnectException(
            "table.whitelist names tables that do not exist in " + config.url() + ": " + missing);
      }
      tables = Tables.selected(all, config);
      List<String> duplicates = Tables.duplicateNames(tables);
      if (!duplicates.isEmpty()) {
        throw new ConnectException(
            "Tables of the same name in several schemas would share a topic: "
                + duplicates
                + "; narrow schema.pattern or the table lists");
      }
    } catch (SQLException e) {
      throw new ConnectException("Cannot list the tables of " + config.url(), e);
    }
    monitor =
        new TableMonitor(
            config,
            dialect,
            tables,
            changed -> {
              List<String> duplicates = Tables.duplicateNames(changed);
              if (!duplicates.isEmpty()) {
                context.raiseError(
                    new ConnectException(
                        "Tables of the same name in several schemas would share a topic: "
                            + duplicates));
                return;
              }
              tables = changed;
              context.requestTaskReconfiguration();
            });
  }

  @Override
  public Class<? extends Task> taskClass() {
    return JdbcSourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>();
    if (queryMode) {
      configs.add(JdbcSourceTask.taskProps(props, List.of()));
      return configs;
    }
    List<TableId> tables = this.tables;
    if (tables.isEmpty()) {
      return configs;
    }
    for (List<TableId> group :
        ConnectorUtils.groupPartitions(tables, Math.min(tables.size(), maxTasks))) {
      configs.add(JdbcSourceTask.taskProps(props, group));
    }
    return configs;
  }

  @Override
  public void stop() {
    if (monitor != null) {
      monitor.close();
      monitor = null;
    }
  }

  @Override
  public ConfigDef config() {
    return JdbcSourceConfig.DEF;
  }

  /**
   * The key-by-key checks, then the mode's requirements, then a connection: a failure to connect
   * lands on {@code connection.url} (or on user and password when the database refuses them), and
   * whitelisted tables or columns that do not exist on their keys.
   */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config result = super.validate(connectorConfigs);
    if (result.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty())) {
      return result;
    }
    JdbcSourceConfig config = new JdbcSourceConfig(connectorConfigs);
    ModeChecks.problems(config)
        .forEach((key, message) -> value(result, key).addErrorMessage(message));
    if (config.url().isBlank()) {
      value(result, JdbcSourceConfig.URL).addErrorMessage("connection.url is required");
      return result;
    }
    Dialect dialect;
    try {
      dialect = Dialect.choose(config.getString(JdbcSourceConfig.DIALECT), config.url());
    } catch (IllegalArgumentException e) {
      value(result, JdbcSourceConfig.DIALECT).addErrorMessage(e.getMessage());
      return result;
    }
    try (Connection connection = ConnectionProvider.open(config.connection(), dialect)) {
      if (!config.queryMode()) {
        checkTables(connection, config, dialect, result);
      }
    } catch (SQLException e) {
      ConnectionFailures.report(result, config.url(), e);
    }
    return result;
  }

  private static void checkTables(
      Connection connection, JdbcSourceConfig config, Dialect dialect, Config result)
      throws SQLException {
    List<TableId> all = Tables.all(connection, config, dialect);
    List<String> missing = Tables.missing(all, config);
    if (!missing.isEmpty()) {
      value(result, JdbcSourceConfig.WHITELIST)
          .addErrorMessage("No such table in " + config.url() + ": " + String.join(", ", missing));
    }
    List<TableId> selected = Tables.selected(all, config);
    for (TableId table : selected) {
      List<String> columns = Tables.columns(connection, table);
      if (config.usesIncrementing() && !columns.contains(config.incrementingColumn())) {
        value(result, JdbcSourceConfig.INCREMENTING_COLUMN)
            .addErrorMessage(
                "Table "
                    + table.fullName()
                    + " has no column '"
                    + config.incrementingColumn()
                    + "'");
      }
      for (String ts : config.usesTimestamp() ? config.timestampColumns() : List.<String>of()) {
        if (!columns.contains(ts)) {
          value(result, JdbcSourceConfig.TIMESTAMP_COLUMNS)
              .addErrorMessage("Table " + table.fullName() + " has no column '" + ts + "'");
        }
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
