package dev.wharf.connect.storage;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link OffsetStorageReader} a source connector and its tasks get from their context: each
 * call first brings the {@link OffsetStore} up to date (so a task restarted elsewhere continues
 * from the last flushed offsets of any worker), then answers for this connector's partitions. A
 * requested partition without an offset maps to null, as in Apache Connect.
 */
public final class ConnectorOffsetReader implements OffsetStorageReader {
  private static final Logger log = LoggerFactory.getLogger(ConnectorOffsetReader.class);

  private final OffsetStore store;
  private final String connector;
  private final Duration timeout;

  /**
   * @param timeout how long a read may wait for the store to catch up
   */
  public ConnectorOffsetReader(OffsetStore store, String connector, Duration timeout) {
    this.store = store;
    this.connector = connector;
    this.timeout = timeout;
  }

  @Override
  public <T> Map<String, Object> offset(Map<String, T> partition) {
    return offsets(List.of(partition)).get(partition);
  }

  @Override
  public <T> Map<Map<String, T>, Map<String, Object>> offsets(
      Collection<Map<String, T>> partitions) {
    catchUp();
    Map<Map<String, T>, Map<String, Object>> result = new HashMap<>();
    for (Map<String, T> partition : partitions) {
      try {
        OffsetRecords.validate(connector, partition, null);
      } catch (DataException e) {
        // Apache answers nothing for a partition it cannot serialize; the task decides.
        log.error("Cannot look up offset of connector '{}': {}", connector, e.getMessage());
        continue;
      }
      result.put(partition, store.offset(connector, partition));
    }
    return result;
  }

  private void catchUp() {
    try {
      store.refresh().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Interrupted reading offsets of connector '" + connector + "'", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new ConnectException("Could not read offsets of connector '" + connector + "'", e);
    }
  }
}
