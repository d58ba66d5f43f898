package dev.wharf.connect.storage;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;

/**
 * The {@link StatusStore} of a distributed worker: a compacted topic ({@code status.storage.topic})
 * in Apache Connect's record format, created at start when missing, that every worker tails.
 */
public final class KafkaStatusStore implements StatusStore {
  private final StorageTopic topic;
  private final Map<String, Object> clientConfig;
  private final Duration startTimeout;
  private final StatusTable table = new StatusTable();
  private final KafkaLog log;

  /**
   * @param clientConfig Kafka connection settings ({@code bootstrap.servers}, security)
   * @param startTimeout how long {@link #start()} may take to create and read the topic
   */
  public KafkaStatusStore(
      StorageTopic topic, Map<String, Object> clientConfig, Duration startTimeout) {
    this.topic = topic;
    this.clientConfig = Map.copyOf(clientConfig);
    this.startTimeout = startTimeout;
    this.log = new KafkaLog(topic.name(), clientConfig, r -> table.apply(r.key(), r.value()));
  }

  @Override
  public void start() {
    try (Admin admin = Admin.create(clientConfig)) {
      StorageTopics.ensure(admin, topic, startTimeout);
    }
    log.start(startTimeout);
  }

  @Override
  public CompletableFuture<Void> put(ConnectorStatus status) {
    return write(StatusRecords.connectorKey(status.connector()), StatusRecords.value(status));
  }

  @Override
  public CompletableFuture<Void> putSafe(ConnectorStatus status) {
    return table.canWriteSafely(status) ? put(status) : CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> put(TaskStatus status) {
    return write(StatusRecords.taskKey(status.id()), StatusRecords.value(status));
  }

  @Override
  public CompletableFuture<Void> putSafe(TaskStatus status) {
    return table.canWriteSafely(status) ? put(status) : CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> put(TopicStatus status) {
    return write(
        StatusRecords.topicKey(status.connector(), status.topic()), StatusRecords.value(status));
  }

  @Override
  public CompletableFuture<Void> deleteTopic(String connector, String topic) {
    return write(StatusRecords.topicKey(connector, topic), null);
  }

  private CompletableFuture<Void> write(byte[] key, byte[] value) {
    return log.send(key, value).thenCompose(acked -> log.readToEnd());
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
    return log.readToEnd();
  }

  @Override
  public void close() {
    log.close();
  }
}
