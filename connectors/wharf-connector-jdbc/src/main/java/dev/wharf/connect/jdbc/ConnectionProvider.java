package dev.wharf.connect.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Opens JDBC connections with the plugin's own drivers: a one-connection HikariCP pool for tasks
 * (it validates and replaces a broken connection), a plain driver connection for validation.
 */
final class ConnectionProvider implements AutoCloseable {
  private final HikariDataSource pool;

  ConnectionProvider(
      ConnectionSettings config, Dialect dialect, String name, long connectionTimeoutMs) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("wharf-jdbc-" + name);
    hikari.setJdbcUrl(config.url());
    if (dialect.driverClass() != null) {
      hikari.setDriverClassName(dialect.driverClass());
    }
    hikari.setUsername(config.user());
    hikari.setPassword(config.password());
    config.driverProperties().forEach(hikari::addDataSourceProperty);
    hikari.setMaximumPoolSize(1);
    hikari.setMinimumIdle(0);
    // Streaming reads need a transaction (PostgreSQL only uses a cursor outside autocommit).
    hikari.setAutoCommit(false);
    hikari.setInitializationFailTimeout(-1);
    hikari.setConnectionTimeout(Math.max(250, connectionTimeoutMs));
    this.pool = new HikariDataSource(hikari);
  }

  Connection connection() throws SQLException {
    return pool.getConnection();
  }

  /** Closes {@code connection} for good after a failure, so the pool opens a fresh one. */
  void discard(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // A broken connection cannot roll back; evicting it is what matters.
    }
    pool.evictConnection(connection);
  }

  @Override
  public void close() {
    pool.close();
  }

  /** One connection straight from the driver, for validation and table discovery. */
  static Connection open(ConnectionSettings config, Dialect dialect) throws SQLException {
    Properties props = new Properties();
    props.putAll(config.driverProperties());
    if (config.user() != null) {
      props.setProperty("user", config.user());
    }
    if (config.password() != null) {
      props.setProperty("password", config.password());
    }
    Driver driver = driver(config.url(), dialect);
    Connection connection = driver.connect(config.url(), props);
    if (connection == null) {
      throw new SQLException("No JDBC driver in this plugin accepts the URL " + config.url());
    }
    return connection;
  }

  /** {@link #open} with {@code connection.attempts} tries {@code connection.backoff.ms} apart. */
  static Connection openWithRetries(ConnectionSettings config, Dialect dialect) {
    int attempts = config.attempts();
    long backoff = config.backoffMs();
    SQLException last = null;
    for (int i = 1; i <= attempts; i++) {
      try {
        return open(config, dialect);
      } catch (SQLException e) {
        last = e;
        if (i < attempts) {
          try {
            Thread.sleep(backoff);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            break;
          }
        }
      }
    }
    if (last != null && last.getSQLState() != null && last.getSQLState().startsWith("28")) {
      throw new ConnectException(
          "The database at "
              + config.url()
              + " refused the login: check connection.user and connection.password ("
              + last.getMessage()
              + ")",
          last);
    }
    throw new ConnectException(
        "Cannot connect to "
            + config.url()
            + " after "
            + attempts
            + " attempts: check connection.url"
            + (last == null ? "" : " (" + last.getMessage() + ")"),
        last);
  }

  private static Driver driver(String url, Dialect dialect) throws SQLException {
    if (dialect.driverClass() != null) {
      try {
        return (Driver)
            Class.forName(dialect.driverClass(), true, ConnectionProvider.class.getClassLoader())
                .getDeclaredConstructor()
                .newInstance();
      } catch (ReflectiveOperationException e) {
        throw new SQLException("Cannot load JDBC driver " + dialect.driverClass(), e);
      }
    }
    for (String name :
        new String[] {"org.postgresql.Driver", "org.sqlite.JDBC", "org.mariadb.jdbc.Driver"}) {
      try {
        Driver driver =
            (Driver)
                Class.forName(name, true, ConnectionProvider.class.getClassLoader())
                    .getDeclaredConstructor()
                    .newInstance();
        if (driver.acceptsURL(url)) {
          return driver;
        }
      } catch (ReflectiveOperationException e) {
        // Not bundled: try the next one.
      }
    }
    return java.sql.DriverManager.getDriver(url);
  }
}
