package dev.wharf.connect.storage;

import java.util.Objects;

/**
 * One of Connect's internal topics as the worker configures it: its name, the partition count and
 * replication factor to create it with when it is missing ({@code -1} asks for the broker default),
 * and the worker config key that named it, so errors can tell the user which setting to change.
 */
public record StorageTopic(String name, int partitions, short replicationFactor, String configKey) {

  /** Worker config key of the config topic. */
  public static final String CONFIG_TOPIC_KEY = "config.storage.topic";

  /** Worker config key of the offset topic. */
  public static final String OFFSET_TOPIC_KEY = "offset.storage.topic";

  /** Worker config key of the status topic. */
  public static final String STATUS_TOPIC_KEY = "status.storage.topic";

  public StorageTopic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(configKey, "configKey");
    if (name.isBlank()) {
      throw new IllegalArgumentException("'" + configKey + "' must name a topic");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException(
          "Topic '" + name + "' needs at least one partition, not " + partitions);
    }
    if (replicationFactor < 1 && replicationFactor != -1) {
      throw new IllegalArgumentException(
          "Topic '"
              + name
              + "' needs a replication factor of at least 1 (or -1 for the broker default), not "
              + replicationFactor);
    }
  }

  /** The config topic: always one partition, since task configs rely on a total order. */
  public static StorageTopic config(String name, short replicationFactor) {
    return new StorageTopic(name, 1, replicationFactor, CONFIG_TOPIC_KEY);
  }

  /** The source offset topic ({@code offset.storage.partitions}, Apache's default 25). */
  public static StorageTopic offsets(String name, int partitions, short replicationFactor) {
    return new StorageTopic(name, partitions, replicationFactor, OFFSET_TOPIC_KEY);
  }

  /** The status topic ({@code status.storage.partitions}, Apache's default 5). */
  public static StorageTopic status(String name, int partitions, short replicationFactor) {
    return new StorageTopic(name, partitions, replicationFactor, STATUS_TOPIC_KEY);
  }

  boolean requiresSinglePartition() {
    return CONFIG_TOPIC_KEY.equals(configKey);
  }
}
