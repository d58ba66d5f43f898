package dev.wharf.registry.store;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the schemas topic when it is missing (one partition, compacted, the configured
 * replication factor capped at the number of live brokers) and refuses an existing one with more
 * than one partition, since the registry's order of writes is the order of that one partition.
 */
public final class SchemaTopic {
  private SchemaTopic() {}

  /**
   * @throws IllegalStateException when the topic cannot be created or has the wrong shape
   */
  public static void ensure(
      Map<String, Object> clientSettings, String topic, int replicationFactor, long timeoutMs) {
    try (Admin admin = Admin.create(clientSettings)) {
      int brokers = admin.describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS).size();
      short factor = (short) Math.max(1, Math.min(replicationFactor, brokers));
      try {
        admin
            .createTopics(
                List.of(
                    new NewTopic(topic, 1, factor)
                        .configs(
                            Map.of(
                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                TopicConfig.CLEANUP_POLICY_COMPACT))))
            .all()
            .get(timeoutMs, TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      TopicDescription description = describeUntilVisible(admin, topic, timeoutMs);
      if (description.partitions().size() != 1) {
        throw new IllegalStateException(
            "The schemas topic "
                + topic
                + " has "
                + description.partitions().size()
                + " partitions; it must have exactly 1");
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Cannot create or describe the schemas topic " + topic + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating the schemas topic " + topic, e);
    }
  }

  /**
   * Describes the topic, waiting while a topic just created (here or by another instance) is not in
   * the metadata this broker serves yet: it answers UnknownTopicOrPartition for a moment.
   */
  private static TopicDescription describeUntilVisible(Admin admin, String topic, long timeoutMs)
      throws ExecutionException, TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (true) {
      try {
        return admin
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get(timeoutMs, TimeUnit.MILLISECONDS)
            .get(topic);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }
}
