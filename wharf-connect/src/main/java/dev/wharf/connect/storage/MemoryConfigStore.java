package dev.wharf.connect.storage;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link ConfigStore} held in memory for standalone mode and tests: writes go through the same
 * records and rules as {@link KafkaConfigStore} and are applied at once, in the caller's thread,
 * which also runs the listeners. Nothing survives the process; standalone workers recreate their
 * connectors from their properties files.
 */
public final class MemoryConfigStore implements ConfigStore {
  private final ConfigState state = new ConfigState();
  private long nextOffset;

  @Override
  public void start() {
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
    return apply(ConfigRecords.connectorConfig(connector, config, initialState));
  }

  @Override
  public CompletableFuture<Void> removeConnector(String connector) {
    return apply(ConfigRecords.removal(connector));
  }

  @Override
  public CompletableFuture<Void> putTaskConfigs(
      String connector, List<Map<String, String>> configs) {
    return apply(ConfigRecords.taskConfigs(connector, configs));
  }

  @Override
  public CompletableFuture<Void> putTargetState(String connector, TargetState targetState) {
    return apply(List.of(ConfigRecords.targetState(connector, targetState)));
  }

  @Override
  public CompletableFuture<Void> putRestartRequest(RestartRequest request) {
    return apply(List.of(ConfigRecords.restart(request)));
  }

  @Override
  public CompletableFuture<Void> putLoggerLevel(String namespace, String level) {
    return apply(List.of(ConfigRecords.loggerLevel(namespace, level)));
  }

  @Override
  public CompletableFuture<Void> putTaskCountRecord(String connector, int taskCount) {
    return apply(List.of(ConfigRecords.taskCount(connector, taskCount)));
  }

  @Override
  public CompletableFuture<Void> putSessionKey(SessionKey key) {
    return apply(List.of(ConfigRecords.sessionKey(key)));
  }

  @Override
  public java.util.Optional<SessionKey> sessionKey() {
    return java.util.Optional.ofNullable(state.sessionKey());
  }

  @Override
  public CompletableFuture<Void> refresh() {
    return CompletableFuture.completedFuture(null);
  }

  // Synchronized so that concurrent writers apply their record groups whole and in order.
  private synchronized CompletableFuture<Void> apply(List<ConfigRecords.ConfigRecord> records) {
    for (ConfigRecords.ConfigRecord record : records) {
      state.apply(record.key(), record.valueBytes(), nextOffset++);
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void close() {}
}
