package dev.wharf.connect.storage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;

/**
 * The {@link ConfigStore} of a distributed worker: a compacted single-partition topic in Apache
 * Connect's record format ({@link ConfigRecords}), created at start when missing, that every worker
 * of the cluster tails into its snapshot.
 */
public final class KafkaConfigStore implements ConfigStore {
  private final StorageTopic topic;
  private final Map<String, Object> clientConfig;
  private final Duration startTimeout;
  private final ConfigState state = new ConfigState();
  private final KafkaLog log;

  /**
   * @param clientConfig Kafka connection settings ({@code bootstrap.servers}, security)
   * @param startTimeout how long {@link #start()} may take to create and read the topic
   */
  public KafkaConfigStore(
      StorageTopic topic, Map<String, Object> clientConfig, Duration startTimeout) {
    this.topic = topic;
    this.clientConfig = Map.copyOf(clientConfig);
    this.startTimeout = startTimeout;
    this.log =
        new KafkaLog(
            topic.name(),
            clientConfig,
            record ->
                state.apply(
                    record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                    record.value(),
                    record.offset()));
  }

  @Override
  public void start() {
    try (Admin admin = Admin.create(clientConfig)) {
      StorageTopics.ensure(admin, topic, startTimeout);
    }
    log.start(startTimeout);
    state.markStarted();
  }

  @Override
  public ConfigSnapshot snapshot() {
    return state.snapshot();
  }

  @Override
  public void addListener(ConfigListener listener) {
    state.addListener(listener);
  }

  @Override
  public CompletableFuture<Void> putConnectorConfig(
      String connector, Map<String, String> config, TargetState initialState) {
    return write(ConfigRecords.connectorConfig(connector, config, initialState));
  }

  @Override
  public CompletableFuture<Void> removeConnector(String connector) {
    return write(ConfigRecords.removal(connector));
  }

  @Override
  public CompletableFuture<Void> putTaskConfigs(
      String connector, List<Map<String, String>> configs) {
    return write(ConfigRecords.taskConfigs(connector, configs));
  }

  @Override
  public CompletableFuture<Void> putTargetState(String connector, TargetState targetState) {
    return write(List.of(ConfigRecords.targetState(connector, targetState)));
  }

  @Override
  public CompletableFuture<Void> putRestartRequest(RestartRequest request) {
    return write(List.of(ConfigRecords.restart(request)));
  }

  @Override
  public CompletableFuture<Void> putLoggerLevel(String namespace, String level) {
    return write(List.of(ConfigRecords.loggerLevel(namespace, level)));
  }

  @Override
  public CompletableFuture<Void> putTaskCountRecord(String connector, int taskCount) {
    return write(List.of(ConfigRecords.taskCount(connector, taskCount)));
  }

  @Override
  public CompletableFuture<Void> putSessionKey(SessionKey key) {
    return write(List.of(ConfigRecords.sessionKey(key)));
  }

  @Override
  public java.util.Optional<SessionKey> sessionKey() {
    return java.util.Optional.ofNullable(state.sessionKey());
  }

  @Override
  public CompletableFuture<Void> refresh() {
    return log.readToEnd();
  }

  /** Appends the records in order, then waits until our reader has applied them. */
  private CompletableFuture<Void> write(List<ConfigRecords.ConfigRecord> records) {
    return send(records).thenCompose(acked -> log.readToEnd());
  }

  // One writer's records stay contiguous in the topic, so two threads writing task configs of
  // the same connector cannot interleave their task records before the commits.
  private synchronized CompletableFuture<Void> send(List<ConfigRecords.ConfigRecord> records) {
    List<CompletableFuture<?>> acks = new ArrayList<>();
    for (ConfigRecords.ConfigRecord record : records) {
      acks.add(log.send(record.keyBytes(), record.valueBytes()));
    }
    return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
  }

  @Override
  public void close() {
    log.close();
  }
}
