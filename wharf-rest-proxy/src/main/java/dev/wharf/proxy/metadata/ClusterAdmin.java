package dev.wharf.proxy.metadata;

import dev.wharf.core.http.HttpError;
import dev.wharf.proxy.kafka.KafkaFutures;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The cluster questions the proxy's metadata endpoints ask, answered asynchronously through one
 * shared admin client. A topic or partition that does not exist fails with Confluent's 40401 or
 * 40402, naming it.
 */
public final class ClusterAdmin {
  private final Admin admin;

  public ClusterAdmin(Admin admin) {
    this.admin = admin;
  }

  public Admin admin() {
    return admin;
  }

  /** What {@code describeCluster} tells: the cluster id, the controller and the brokers. */
  public record ClusterInfo(String id, Node controller, List<Node> brokers) {}

  /** The earliest and the next offset of a partition. */
  public record PartitionOffsets(long beginning, long end) {}

  public CompletableFuture<ClusterInfo> cluster() {
    DescribeClusterResult result = admin.describeCluster();
    CompletableFuture<String> id = KafkaFutures.of(result.clusterId());
    CompletableFuture<Node> controller = KafkaFutures.of(result.controller());
    CompletableFuture<Collection<Node>> nodes = KafkaFutures.of(result.nodes());
    return CompletableFuture.allOf(id, controller, nodes)
        .thenApply(
            ignored ->
                new ClusterInfo(
                    id.join(),
                    controller.join(),
                    nodes.join().stream()
                        .sorted((a, b) -> Integer.compare(a.id(), b.id()))
                        .toList()));
  }

  /** The names of the non-internal topics, sorted. */
  public CompletableFuture<List<String>> topicNames() {
    return KafkaFutures.of(admin.listTopics().names())
        .thenApply(names -> names.stream().sorted().toList());
  }

  public CompletableFuture<TopicDescription> describeTopic(String topic) {
    return KafkaFutures.of(admin.describeTopics(List.of(topic)).allTopicNames())
        .handle(
            (descriptions, error) -> {
              if (error != null) {
                throw notFoundOr(topic, error);
              }
              return descriptions.get(topic);
            });
  }

  public CompletableFuture<List<TopicDescription>> describeTopics(Collection<String> topics) {
    return KafkaFutures.of(admin.describeTopics(topics).allTopicNames())
        .thenApply(
            descriptions ->
                descriptions.values().stream()
                    .sorted((a, b) -> a.name().compareTo(b.name()))
                    .toList());
  }

  /** Every config entry of {@code topic}, defaults included, by name. */
  public CompletableFuture<Map<String, ConfigEntry>> topicConfigs(String topic) {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return KafkaFutures.of(admin.describeConfigs(List.of(resource)).all())
        .handle(
            (configs, error) -> {
              if (error != null) {
                throw notFoundOr(topic, error);
              }
              return configs.get(resource).entries().stream()
                  .collect(
                      Collectors.toMap(
                          ConfigEntry::name, entry -> entry, (a, b) -> a, java.util.TreeMap::new));
            });
  }

  public CompletableFuture<PartitionOffsets> offsets(TopicPartition partition) {
    CompletableFuture<ListOffsetsResultInfo> earliest =
        KafkaFutures.of(
            admin.listOffsets(Map.of(partition, OffsetSpec.earliest())).partitionResult(partition));
    CompletableFuture<ListOffsetsResultInfo> latest =
        KafkaFutures.of(
            admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition));
    return CompletableFuture.allOf(earliest, latest)
        .thenApply(
            ignored -> new PartitionOffsets(earliest.join().offset(), latest.join().offset()));
  }

  /** The partition {@code id} of {@code topic}, or 404/40402 naming both. */
  public static TopicPartitionInfo partition(TopicDescription topic, int id) {
    return topic.partitions().stream()
        .filter(partition -> partition.partition() == id)
        .findFirst()
        .orElseThrow(() -> partitionNotFound(topic.name(), id));
  }

  public static HttpError topicNotFound(String topic) {
    return new HttpError(404, 40401, "Topic '" + topic + "' not found.");
  }

  public static HttpError partitionNotFound(String topic, int partition) {
    return new HttpError(
        404, 40402, "Partition " + partition + " of topic '" + topic + "' not found.");
  }

  private static RuntimeException notFoundOr(String topic, Throwable error) {
    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
    if (cause instanceof UnknownTopicOrPartitionException) {
      return topicNotFound(topic);
    }
    return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
  }
}
