package dev.wharf.connect.jdbc;

import static org.awaitility.Awaitility.await;

import dev.wharf.connect.herder.ConnectorViews;
import dev.wharf.connect.herder.Herder;
import dev.wharf.connect.herder.StatusReporter;
import dev.wharf.connect.plugins.ConfigProviders;
import dev.wharf.connect.plugins.Plugins;
import dev.wharf.connect.storage.KafkaConfigStore;
import dev.wharf.connect.storage.KafkaOffsetStore;
import dev.wharf.connect.storage.KafkaStatusStore;
import dev.wharf.connect.storage.StorageTopic;
import dev.wharf.connect.worker.Worker;
import dev.wharf.connect.worker.WorkerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One Wharf Connect worker for end-to-end tests: Kafka-backed stores under a prefix, the plugins of
 * the plugin directory the build made, a worker and its herder. Closing it stops everything cleanly
 * (final offset commits included); a new instance with the same prefix is the same worker
 * restarted. Uses no class of the connector itself: those come from plugin.path only.
 */
final class ConnectWorker implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(60);

  final Plugins plugins;
  final Herder herder;
  private final KafkaConfigStore configs;
  private final KafkaStatusStore statuses;
  private final KafkaOffsetStore offsets;
  private final Worker worker;

  ConnectWorker(String bootstrapServers, String prefix) {
    this(bootstrapServers, prefix, Map.of());
  }

  /** A worker with {@code extra} worker settings (e.g. {@code consumer.*} overrides). */
  ConnectWorker(String bootstrapServers, String prefix, Map<String, String> extra) {
    Map<String, Object> client = Map.of("bootstrap.servers", bootstrapServers);
    configs =
        new KafkaConfigStore(
            StorageTopic.config(prefix + "-configs", (short) 1), client, Duration.ofSeconds(30));
    statuses =
        new KafkaStatusStore(
            StorageTopic.status(prefix + "-status", 1, (short) 1), client, Duration.ofSeconds(30));
    offsets =
        new KafkaOffsetStore(
            StorageTopic.offsets(prefix + "-offsets", 1, (short) 1),
            client,
            Duration.ofSeconds(30));
    configs.start();
    statuses.start();
    offsets.start();
    Map<String, String> workerConfig = new HashMap<>();
    workerConfig.put("bootstrap.servers", bootstrapServers);
    workerConfig.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    workerConfig.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    workerConfig.putAll(extra);
    plugins = Plugins.load(List.of(pluginPath()));
    worker =
        new Worker(
            workerConfig,
            plugins,
            offsets,
            new StatusReporter(statuses, "jdbc-test-worker:8083"),
            new WorkerSettings(200, 5000, true));
    herder =
        new Herder(
            "jdbc-test-worker:8083",
            configs,
            statuses,
            worker,
            plugins,
            ConfigProviders.fromWorkerConfig(Map.of(), plugins));
    herder.start();
  }

  /** Writes source offsets as if {@code connector} had committed them. */
  void writeOffsets(String connector, Map<Map<String, ?>, Map<String, ?>> partitionOffsets)
      throws Exception {
    offsets.write(connector, partitionOffsets).get(30, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** The source offsets {@code connector} has committed, as the offset store reads them back. */
  Map<Map<String, Object>, Map<String, Object>> committedOffsets(String connector) {
    offsets.refresh().join();
    return offsets.offsets(connector);
  }

  /** The plugin.path entry holding the wharf-connector-jdbc plugin directory. */
  static Path pluginPath() {
    return Path.of(System.getProperty("wharf.test.pluginPath"));
  }

  String taskState(String connector, int task) {
    List<ConnectorViews.TaskState> tasks = herder.connectorStatus(connector).tasks();
    return tasks.size() > task ? tasks.get(task).state() : null;
  }

  void awaitTasksRunning(String connector, int count) {
    await()
        .atMost(WAIT)
        .until(
            () -> {
              List<ConnectorViews.TaskState> tasks = herder.connectorStatus(connector).tasks();
              return tasks.size() == count
                  && tasks.stream().allMatch(t -> "RUNNING".equals(t.state()));
            });
  }

  @Override
  public void close() {
    herder.close();
    worker.close();
    configs.close();
    statuses.close();
    offsets.close();
    plugins.close();
  }
}
