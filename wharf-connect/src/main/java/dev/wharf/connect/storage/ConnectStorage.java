package dev.wharf.connect.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The three stores a worker runs on, started and closed together: {@link #kafka} for a distributed
 * worker (state in the internal topics, shared by every worker of the cluster), {@link #standalone}
 * for {@code connect-standalone} (configs and statuses in memory, offsets in a file). Offsets and
 * statuses start before configs, so listeners reacting to the first config changes find them ready.
 */
public record ConnectStorage(ConfigStore configs, OffsetStore offsets, StatusStore statuses)
    implements AutoCloseable {

  /**
   * Stores on Kafka topics, created when missing.
   *
   * @param clientConfig Kafka connection settings ({@code bootstrap.servers}, security)
   * @param startTimeout how long each store may take to create and read its topic
   */
  public static ConnectStorage kafka(
      Map<String, Object> clientConfig,
      StorageTopic configTopic,
      StorageTopic offsetTopic,
      StorageTopic statusTopic,
      Duration startTimeout) {
    return new ConnectStorage(
        new KafkaConfigStore(configTopic, clientConfig, startTimeout),
        new KafkaOffsetStore(offsetTopic, clientConfig, startTimeout),
        new KafkaStatusStore(statusTopic, clientConfig, startTimeout));
  }

  /** Stores of a standalone worker, with offsets in {@code offset.storage.file.filename}. */
  public static ConnectStorage standalone(Path offsetFile) {
    return new ConnectStorage(
        new MemoryConfigStore(), new FileOffsetStore(offsetFile), new MemoryStatusStore());
  }

  /** Starts the stores, each loading what is stored so far. */
  public void start() {
    offsets.start();
    statuses.start();
    configs.start();
  }

  /** Closes the stores in the reverse order of {@link #start()}, each even if another fails. */
  @Override
  public void close() {
    try {
      configs.close();
    } finally {
      try {
        statuses.close();
      } finally {
        offsets.close();
      }
    }
  }
}
