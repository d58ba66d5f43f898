package dev.wharf.connect.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each {@code put()} in one transaction: its records are mapped to rows on the task's thread
 * (a record the sink cannot write fails the put), and the rows are written in the background while
 * the runtime converts the next records (the next put, {@code preCommit()} and {@code close()} wait
 * for it, so offsets are only committed for rows in the database). A failed write is rolled back
 * and written again in the foreground; failing there, it is handed back to the runtime as a {@link
 * RetriableException} after {@code retry.backoff.ms}, so the same records are written again and
 * none is lost. After {@code max.retries} failures in a row the task fails with the database's
 * reason, except while the database is unreachable after having been reached once: then it keeps
 * retrying and recovers by itself when the database is back.
 */
public class JdbcSinkTask extends SinkTask {
  private static final Logger log = LoggerFactory.getLogger(JdbcSinkTask.class);

  private JdbcSinkConfig config;
  private ConnectionProvider connections;
  private SinkWriter writer;
  private int maxRetries;
  private int retriesLeft;
  // Set by the background writer, read when a failure is judged.
  private volatile boolean everConnected;
  private BackgroundWrite background;

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
    background =
        new BackgroundWrite(
            "jdbc-sink-writer-" + props.getOrDefault("task.id", "0"), this::writeOnce);
  }

  /**
   * Hands {@code records} to the background write once the previous one has finished. After a
   * failed background write its records are written again here, in the foreground, together with
   * {@code records}, and retried or reported as any failure is.
   */
  @Override
  public void put(Collection<SinkRecord> records) {
    if (background.settle()) {
      retriesLeft = maxRetries;
    }
    List<SinkRecord> unwritten = background.unwritten();
    if (!unwritten.isEmpty()) {
      List<SinkRecord> all = new ArrayList<>(unwritten.size() + records.size());
      all.addAll(unwritten);
      all.addAll(records);
      writeNow(all);
      background.written();
      return;
    }
    if (!records.isEmpty()) {
      background.start(records, writer.map(records));
    }
  }

  /** Offsets are safe once every record handed to put() is committed in the database. */
  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    background.settle();
    // A failed background write is written again at the next put(): nothing is safe until then.
    return background.unwritten().isEmpty() ? currentOffsets : Map.of();
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    background.settle();
  }

  /** One write in its own transaction; any failure leaves nothing of it committed. */
  private void writeOnce(List<SinkRow> rows) throws SQLException {
    Connection connection = null;
    try {
      connection = connections.connection();
      everConnected = true;
      writer.write(connection, rows);
      connection.close();
    } catch (SQLException | RuntimeException e) {
      if (connection != null) {
        connections.discard(connection);
      }
      writer.reset();
      throw e;
    }
  }

  /** {@link #writeOnce} in the foreground, with the retry rules of {@link #failed}. */
  private void writeNow(Collection<SinkRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    List<SinkRow> rows = writer.map(records);
    try {
      writeOnce(rows);
      retriesLeft = maxRetries;
    } catch (SQLException e) {
      failed(e, records.size());
    }
  }

  private void failed(SQLException e, int count) {
    String reason = reason(e);
    // The driver's exception carries its message in the task's trace: trimmed, it is left out.
    SQLException cause = config.trimSensitiveLog() ? null : e;
    boolean refused = e.getSQLState() != null && e.getSQLState().startsWith("28");
    // A refused login is no outage: it ends after max.retries like any other failure.
    boolean unreachable = !refused && connectionLost(e);
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
      throw new RetriableException("Writing to " + config.url() + " failed: " + reason, cause);
    }
    if (refused) {
      throw new ConnectException(
          "The database at "
              + config.url()
              + " refused the login: check connection.user and"
              + " connection.password ("
              + reason
              + ")",
          cause);
    }
    if (unreachable) {
      throw new ConnectException(
          "Cannot connect to " + config.url() + ": check connection.url (" + reason + ")", cause);
    }
    throw new ConnectException(
        "Writing to " + config.url() + " failed " + (maxRetries + 1) + " times: " + reason, cause);
  }

  /**
   * The failure's message with the driver's chained causes (a batch hides the real reason); with
   * {@code trim.sensitive.log} only the SQLState, since the database's text may quote row values.
   */
  private String reason(SQLException e) {
    if (config.trimSensitiveLog()) {
      return "SQLState "
          + e.getSQLState()
          + " (the database's message is left out: trim.sensitive.log=true)";
    }
    StringBuilder reason = new StringBuilder(String.valueOf(e.getMessage()));
    SQLException next = e.getNextException();
    if (next != null && next != e) {
      reason.append("; ").append(next.getMessage());
    }
    // The pool reports a failed login as a timeout whose cause holds the database's words.
    Throwable cause = e.getCause();
    if (cause instanceof SQLException && cause != next && cause.getMessage() != null) {
      reason.append("; ").append(cause.getMessage());
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
    if (background != null) {
      // The write in flight finishes (or fails) before its connection pool goes away.
      background.close();
    }
    if (connections != null) {
      connections.close();
    }
  }
}
