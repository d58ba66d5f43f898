package dev.wharf.connect.storage;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link StatusStore} held in memory for standalone mode and tests, applying the same records as
 * {@link KafkaStatusStore} at once. Statuses describe the running process, so losing them with it
 * is harmless.
 */
public final class MemoryStatusStore implements StatusStore {
  private final StatusTable table = new StatusTable();

  @Override
  public void start() {}

  @Override
  public CompletableFuture<Void> put(ConnectorStatus status) {
    return apply(StatusRecords.connectorKey(status.connector()), StatusRecords.value(status));
  }

  @Override
  public CompletableFuture<Void> putSafe(ConnectorStatus status) {
    return table.canWriteSafely(status) ? put(status) : CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> put(TaskStatus status) {
    return apply(StatusRecords.taskKey(status.id()), StatusRecords.value(status));
  }

  @Override
  public CompletableFuture<Void> putSafe(TaskStatus status) {
    return table.canWriteSafely(status) ? put(status) : CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> put(TopicStatus status) {
    return apply(
        StatusRecords.topicKey(status.connector(), status.topic()), StatusRecords.value(status));
  }

  @Override
  public CompletableFuture<Void> deleteTopic(String connector, String topic) {
    return apply(StatusRecords.topicKey(connector, topic), null);
  }

  private CompletableFuture<Void> apply(byte[] key, byte[] value) {
    table.apply(key, value);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public Optional<ConnectorStatus> connector(String connector) {
    return table.connector(connector);
  }

  @Override
  public Optional<TaskStatus> task(TaskId task) {
    return table.task(task);
  }

  @Override
  public List<TaskStatus> tasks(String connector) {
    return table.tasks(connector);
  }

  @Override
  public Set<String> connectors() {
    return table.connectors();
  }

  @Override
  public List<TopicStatus> topics(String connector) {
    return table.topics(connector);
  }

  @Override
  public CompletableFuture<Void> refresh() {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void close() {}
}
