package dev.wharf.connect.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;

/**
 * The {@link OffsetStore} of a distributed worker: a compacted topic ({@code offset.storage.topic})
 * holding Apache Connect's offset records, created at start when missing and tailed into the view,
 * so offsets written by Apache Connect are read here and the reverse.
 */
public final class KafkaOffsetStore implements OffsetStore {
  private final StorageTopic topic;
  private final Map<String, Object> clientConfig;
  private final Duration startTimeout;
  private final OffsetTable table = new OffsetTable();
  private final KafkaLog log;

  /**
   * @param clientConfig Kafka connection settings ({@code bootstrap.servers}, security)
   * @param startTimeout how long {@link #start()} may take to create and read the topic
   */
  public KafkaOffsetStore(
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
  public Map<String, Object> offset(String connector, Map<String, ?> partition) {
    return table.offset(OffsetRecords.key(connector, partition));
  }

  @Override
  public Map<Map<String, Object>, Map<String, Object>> offsets(String connector) {
    return table.offsets(connector);
  }

  @Override
  public CompletableFuture<Void> write(
      String connector, Map<? extends Map<String, ?>, ? extends Map<String, ?>> offsets) {
    offsets.forEach((partition, offset) -> OffsetRecords.validate(connector, partition, offset));
    List<CompletableFuture<?>> acks = new ArrayList<>();
    offsets.forEach(
        (partition, offset) ->
            acks.add(
                log.send(OffsetRecords.key(connector, partition), OffsetRecords.value(offset))));
    return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
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
