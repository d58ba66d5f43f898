package dev.wharf.connect.storage;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Which offset store each source connector uses: the worker's own, or, for a connector whose config
 * names an {@code offsets.storage.topic} other than the worker's, that topic (created when missing,
 * compacted) in front of the worker's store (KIP-618). Stores of connector topics are opened on
 * first use, shared by every connector naming the same topic, and closed with this object. A
 * standalone worker has no offsets topic, so {@link #single} ignores the key, as Apache's
 * standalone worker does.
 */
public final class ConnectorOffsetStores implements AutoCloseable {
  /** The connector config key naming the connector's own offsets topic. */
  public static final String TOPIC_KEY = "offsets.storage.topic";

  private final OffsetStore workerStore;
  private final String workerTopic;
  private final Function<String, OffsetStore> openTopic;
  private final Map<String, OffsetStore> topicStores = new ConcurrentHashMap<>();

  private ConnectorOffsetStores(
      OffsetStore workerStore, String workerTopic, Function<String, OffsetStore> openTopic) {
    this.workerStore = workerStore;
    this.workerTopic = workerTopic;
    this.openTopic = openTopic;
  }

  /** Every connector uses {@code store}: a standalone worker, or a test. */
  public static ConnectorOffsetStores single(OffsetStore store) {
    return new ConnectorOffsetStores(store, null, null);
  }

  /**
   * A distributed worker's stores: {@code workerStore} on {@code workerTopic}, and {@code
   * openTopic} to create, start and return a store on a connector's own topic.
   */
  public static ConnectorOffsetStores kafka(
      OffsetStore workerStore, String workerTopic, Function<String, OffsetStore> openTopic) {
    return new ConnectorOffsetStores(workerStore, workerTopic, openTopic);
  }

  /** The worker's own store. */
  public OffsetStore workerStore() {
    return workerStore;
  }

  /** The worker's offsets topic; null for a standalone worker. */
  public String workerTopic() {
    return workerTopic;
  }

  /** The topic the connector's offsets are written to; null for a standalone worker. */
  public String topic(Map<String, String> connectorConfig) {
    String own = ownTopic(connectorConfig);
    return own == null ? workerTopic : own;
  }

  /** The store the connector reads its offsets from and writes them to. */
  public OffsetStore forConnector(Map<String, String> connectorConfig) {
    String own = ownTopic(connectorConfig);
    if (own == null) {
      return workerStore;
    }
    return new ConnectorOffsetStore(topicStores.computeIfAbsent(own, openTopic), workerStore, own);
  }

  private String ownTopic(Map<String, String> connectorConfig) {
    if (openTopic == null) {
      return null;
    }
    String topic = connectorConfig.get(TOPIC_KEY);
    if (topic == null || topic.isBlank() || topic.trim().equals(workerTopic)) {
      return null;
    }
    return topic.trim();
  }

  /** Closes the stores of connector topics; the worker's store is closed by its owner. */
  @Override
  public void close() {
    topicStores.values().forEach(OffsetStore::close);
    topicStores.clear();
  }
}
