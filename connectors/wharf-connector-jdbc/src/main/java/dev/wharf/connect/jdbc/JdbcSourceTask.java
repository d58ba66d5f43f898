package dev.wharf.connect.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies its share of the tables (or the custom query): the table due first is queried, and its
 * result set is streamed to the end before another table's query starts, so one transaction never
 * holds two open cursors. A database failure drops the connection and retries after {@code
 * connection.backoff.ms} from the last position handed out.
 */
public class JdbcSourceTask extends SourceTask {
  private static final Logger log = LoggerFactory.getLogger(JdbcSourceTask.class);

  private final CountDownLatch stopped = new CountDownLatch(1);
  private JdbcSourceConfig config;
  private ConnectionProvider connections;
  private Connection connection;
  private final List<TableQuerier> queriers = new ArrayList<>();
  private TableQuerier current;

  @Override
  public String version() {
    return Versions.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    config = new JdbcSourceConfig(props);
    Dialect dialect = Dialect.choose(config.getString(JdbcSourceConfig.DIALECT), config.url());
    List<TableId> tables = TableId.decodeAll(props.get(JdbcSourceConfig.TASK_TABLES));
    if (config.queryMode()) {
      Map<String, Object> offset = context.offsetStorageReader().offset(Offsets.queryPartition());
      queriers.add(new TableQuerier(config, dialect, null, offset));
    } else {
      List<Map<String, String>> partitions = new ArrayList<>();
      for (TableId table : tables) {
        partitions.add(TableQuerier.partition(config, table));
        partitions.add(Offsets.legacyTablePartition(table));
      }
      Map<Map<String, String>, Map<String, Object>> stored =
          context.offsetStorageReader().offsets(partitions);
      for (TableId table : tables) {
        Map<String, Object> offset = stored.get(TableQuerier.partition(config, table));
        if (offset == null) {
          offset = stored.get(Offsets.legacyTablePartition(table));
        }
        queriers.add(new TableQuerier(config, dialect, table, offset));
      }
    }
    connections =
        new ConnectionProvider(
            config.connection(), dialect, String.valueOf(props.get("task.id")), 30_000);
  }

  @Override
  public synchronized List<SourceRecord> poll() throws InterruptedException {
    if (current == null) {
      TableQuerier due =
          queriers.stream().min(Comparator.comparingLong(TableQuerier::nextQueryAt)).orElse(null);
      if (due == null) {
        stopped.await(1, TimeUnit.SECONDS);
        return null;
      }
      long wait = due.nextQueryAt() - System.currentTimeMillis();
      if (wait > 0) {
        stopped.await(Math.min(wait, 1000), TimeUnit.MILLISECONDS);
        return null;
      }
      current = due;
    }
    if (stopped.getCount() == 0) {
      return null;
    }
    TableQuerier querier = current;
    try {
      if (connection == null) {
        connection = connections.connection();
      }
      List<SourceRecord> records = querier.poll(connection);
      if (!querier.streaming()) {
        current = null;
      }
      return records.isEmpty() ? null : records;
    } catch (SQLException e) {
      log.warn(
          "Reading {} failed, retrying in {} ms: {}",
          querier.describe(),
          config.getLong(JdbcSourceConfig.BACKOFF),
          e.getMessage());
      querier.reset();
      querier.delay(config.getLong(JdbcSourceConfig.BACKOFF));
      current = null;
      closeConnection();
      return null;
    }
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.rollback();
      } catch (SQLException ignored) {
        // Broken connections cannot roll back; closing is what matters.
      }
      try {
        connection.close();
      } catch (SQLException ignored) {
        // As above.
      }
      connection = null;
    }
  }

  /** Wakes a waiting poll, then releases cursors, connection and pool once no poll runs. */
  @Override
  public void stop() {
    stopped.countDown();
    synchronized (this) {
      queriers.forEach(TableQuerier::close);
      closeConnection();
      if (connections != null) {
        connections.close();
      }
    }
  }

  static Map<String, String> taskProps(
      Map<String, String> connectorProps, Collection<TableId> tables) {
    Map<String, String> props = new HashMap<>(connectorProps);
    props.put(JdbcSourceConfig.TASK_TABLES, TableId.encodeAll(List.copyOf(tables)));
    return props;
  }
}
