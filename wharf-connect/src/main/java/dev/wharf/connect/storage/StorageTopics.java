package dev.wharf.connect.storage;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure an internal topic exists and is fit for Connect: creates it compacted with the
 * requested partitions and replication factor when missing, and refuses an existing topic that is
 * not compacted (records would be deleted by retention) or, for the config topic, has more than one
 * partition (task configs and their commit record need one total order), as Apache does.
 */
public final class StorageTopics {
  private static final Logger log = LoggerFactory.getLogger(StorageTopics.class);

  private StorageTopics() {}

  /**
   * Creates {@code topic} if missing, then verifies it.
   *
   * @throws ConnectException if the topic cannot be created or described, or is misconfigured
   */
  public static void ensure(Admin admin, StorageTopic topic, Duration timeout) {
    try {
      Optional<TopicDescription> existing = describe(admin, topic, timeout);
      if (existing.isEmpty()) {
        if (create(admin, topic, timeout)) {
          return;
        }
        existing = describeUntilVisible(admin, topic, timeout);
      }
      verify(topic, existing.get().partitions().size(), cleanupPolicy(admin, topic, timeout));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(topic, "interrupted while checking it", e);
    } catch (TimeoutException e) {
      throw failure(topic, "no answer from Kafka within " + timeout.toMillis() + " ms", e);
    }
  }

  private static Optional<TopicDescription> describe(
      Admin admin, StorageTopic topic, Duration timeout)
      throws InterruptedException, TimeoutException {
    try {
      return Optional.of(
          admin
              .describeTopics(List.of(topic.name()))
              .topicNameValues()
              .get(topic.name())
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.empty();
      }
      throw failure(topic, "cannot describe it", e.getCause());
    }
  }

  // Another worker's fresh topic may take a moment to show in the metadata we are served.
  private static Optional<TopicDescription> describeUntilVisible(
      Admin admin, StorageTopic topic, Duration timeout)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Optional<TopicDescription> description = describe(admin, topic, timeout);
    while (description.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw failure(topic, "it exists but cannot be described", null);
      }
      Thread.sleep(100);
      description = describe(admin, topic, timeout);
    }
    return description;
  }

  /** Creates the topic; false when another worker created it first. */
  private static boolean create(Admin admin, StorageTopic topic, Duration timeout)
      throws InterruptedException, TimeoutException {
    Optional<Short> replication =
        topic.replicationFactor() == -1 ? Optional.empty() : Optional.of(topic.replicationFactor());
    NewTopic newTopic =
        new NewTopic(topic.name(), Optional.of(topic.partitions()), replication)
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    try {
      admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      log.info(
          "Created internal topic '{}' ({} partitions, replication factor {}) for '{}'",
          topic.name(),
          topic.partitions(),
          topic.replicationFactor(),
          topic.configKey());
      return true;
    } catch (ExecutionException e) {
      // Another worker created it between our describe and create; verify theirs instead.
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw failure(topic, "cannot create it", e.getCause());
      }
      return false;
    }
  }

  private static String cleanupPolicy(Admin admin, StorageTopic topic, Duration timeout)
      throws InterruptedException, TimeoutException {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
    try {
      Config config =
          admin
              .describeConfigs(List.of(resource))
              .values()
              .get(resource)
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      ConfigEntry entry = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
      return entry == null || entry.value() == null ? "" : entry.value();
    } catch (ExecutionException e) {
      throw failure(topic, "cannot read its configuration", e.getCause());
    }
  }

  private static void verify(StorageTopic topic, int partitions, String cleanupPolicy) {
    Set<String> policies =
        Arrays.stream(cleanupPolicy.split(","))
            .map(String::trim)
            .filter(p -> !p.isEmpty())
            .collect(Collectors.toSet());
    if (!policies.equals(Set.of(TopicConfig.CLEANUP_POLICY_COMPACT))) {
      throw failure(
          topic,
          "it has cleanup.policy="
              + cleanupPolicy
              + " but must have cleanup.policy=compact only, or Kafka would eventually delete"
              + " Connect's state; point '"
              + topic.configKey()
              + "' at a compacted topic",
          null);
    }
    if (topic.requiresSinglePartition() && partitions != 1) {
      throw failure(
          topic,
          "it has "
              + partitions
              + " partitions but must have exactly one, so that connector and task configs keep"
              + " one total order; point '"
              + topic.configKey()
              + "' at a single-partition topic",
          null);
    }
  }

  private static ConnectException failure(StorageTopic topic, String reason, Throwable cause) {
    return new ConnectException(
        "Internal topic '" + topic.name() + "' set by '" + topic.configKey() + "': " + reason,
        cause);
  }
}
