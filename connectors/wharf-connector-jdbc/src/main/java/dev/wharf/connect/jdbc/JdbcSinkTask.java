package dev.wharf.connect.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each {@code put()} in one transaction. A failed put is rolled back and handed back to the
 * runtime as a {@link RetriableException} after {@code retry.backoff.ms}, so the same records are
 * written again and none is lost. After {@code max.retries} failures in a row the task fails with
 * the database's reason, except while the database is unreachable after having been reached once:
 * then it keeps retrying and recovers by itself when the database is back.
 */
public class JdbcSinkTask extends SinkTask {
  private static final Logger log = LoggerFactory.getLogger(JdbcSinkTask.class);

  private JdbcSinkConfig config;
  private ConnectionProvider connections;
  private SinkWriter writer;
  private int maxRetries;
  private int retriesLeft;
  private boolean everConnected;

  @Override
  public String version() {
    return Versions.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    config = new JdbcSinkConfig(props);
    Dialect dialect = config.dialect();
    writer = new SinkWriter(config, dialect);
    maxRetries = config.getInt(JdbcSinkConfig.MAX_RETRIES);
    retriesLeft = maxRetries;
    long backoff = config.getInt(JdbcSinkConfig.RETRY_BACKOFF);
    // A put waits at most about one back-off for a connection, so a stop is never held for long.
    connections =
        new ConnectionProvider(
            config.connection(),
            dialect,
            "sink-" + props.getOrDefault("task.id", "0"),
            Math.min(30_000, Math.max(1_000, backoff)));
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    Connection connection = null;
    try {
      connection = connections.connection();
      everConnected = true;
      writer.write(connection, records);
      connection.close();
      retriesLeft = maxRetries;
    } catch (SQLException e) {
      if (connection != null) {
        connections.discard(connection);
      }
      writer.reset();
      failed(e, records.size());
    } catch (RuntimeException e) {
      if (connection != null) {
        connections.discard(connection);
      }
      throw e;
    }
  }

  private void failed(SQLException e, int count) {
    String reason = reason(e);
    boolean unreachable = connectionLost(e);
    if (retriesLeft > 0 || (unreachable && everConnected)) {
      retriesLeft = Math.max(0, retriesLeft - 1);
      long backoff = config.getInt(JdbcSinkConfig.RETRY_BACKOFF);
      log.warn(
          "Writing {} records to {} failed ({} retries left{}), retrying in {} ms: {}",
          count,
          config.url(),
          retriesLeft,
          unreachable ? ", then until the database is back" : "",
          backoff,
          reason);
      context.timeout(backoff);
      throw new RetriableException("Writing to " + config.url() + " failed: " + reason, e);
    }
    if (e.getSQLState() != null && e.getSQLState().startsWith("28")) {
      throw new ConnectException(
          "The database at "
              + config.url()
              + " refused the login: check connection.user and"
              + " connection.password ("
              + reason
              + ")",
          e);
    }
    if (unreachable) {
      throw new ConnectException(
          "Cannot connect to " + config.url() + ": check connection.url (" + reason + ")", e);
    }
    throw new ConnectException(
        "Writing to " + config.url() + " failed " + (maxRetries + 1) + " times: " + reason, e);
  }

  /** The failure's message with the driver's chained causes (a batch hides the real reason). */
  private static String reason(SQLException e) {
    StringBuilder reason = new StringBuilder(String.valueOf(e.getMessage()));
    SQLException next = e.getNextException();
    if (next != null && next != e) {
      reason.append("; ").append(next.getMessage());
    }
    return reason.toString();
  }

  /** A lost or refused connection, as opposed to a statement the database rejected. */
  static boolean connectionLost(SQLException e) {
    String state = e.getSQLState();
    return e instanceof SQLTransientConnectionException
        || e instanceof SQLNonTransientConnectionException
        || e instanceof SQLRecoverableException
        || (state != null
            && (state.startsWith("08") || state.equals("57P01") || state.equals("57P03")));
  }

  @Override
  public void stop() {
    if (connections != null) {
      connections.close();
    }
  }
}
