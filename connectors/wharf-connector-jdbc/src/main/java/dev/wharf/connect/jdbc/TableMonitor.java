package dev.wharf.connect.jdbc;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the selected tables again every {@code table.poll.interval.ms} on its own thread and hands
 * a changed list (a new table, a dropped one) to the connector, which then asks the runtime for new
 * task configs. A failed listing is logged and the current list kept.
 */
final class TableMonitor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TableMonitor.class);

  private final ScheduledExecutorService executor;

  TableMonitor(
      JdbcSourceConfig config,
      Dialect dialect,
      List<TableId> initial,
      Consumer<List<TableId>> onChange) {
    long interval = config.getLong(JdbcSourceConfig.TABLE_POLL_INTERVAL);
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "wharf-jdbc-table-monitor");
              thread.setDaemon(true);
              return thread;
            });
    AtomicReference<List<TableId>> current = new AtomicReference<>(initial);
    executor.scheduleWithFixedDelay(
        () -> {
          try (Connection connection = ConnectionProvider.open(config.connection(), dialect)) {
            List<TableId> now = Tables.selected(Tables.all(connection, config, dialect), config);
            if (!now.equals(current.get())) {
              log.info("Tables changed from {} to {}: reconfiguring the tasks", current.get(), now);
              current.set(now);
              onChange.accept(now);
            }
          } catch (Exception e) {
            log.warn("Cannot list the tables of {}: {}", config.url(), e.getMessage());
          }
        },
        interval,
        interval,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
