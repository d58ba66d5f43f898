package dev.wharf.proxy.metadata;

import dev.wharf.core.http.Responses;
import dev.wharf.proxy.http.MediaTypes;
import dev.wharf.proxy.http.Params;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The v2 metadata endpoints: {@code GET /}, {@code /brokers}, {@code /topics} and below. Answers
 * come from the admin client, never from a cache, so a topic created a moment ago is visible.
 */
public final class MetadataRoutes {
  private final ClusterAdmin cluster;

  public MetadataRoutes(ClusterAdmin cluster) {
    this.cluster = cluster;
  }

  public void register(RoutesConfig routes) {
    routes.get("/", ctx -> respond(ctx, CompletableFuture.completedFuture(Map.of())));
    routes.post("/", ctx -> respond(ctx, CompletableFuture.completedFuture(Map.of())));
    routes.get("/brokers", this::brokers);
    routes.get("/topics", ctx -> respond(ctx, cluster.topicNames()));
    routes.get("/topics/{topic}", this::topic);
    routes.get("/topics/{topic}/partitions", this::partitions);
    routes.get("/topics/{topic}/partitions/{partition}", this::partition);
    routes.get("/topics/{topic}/partitions/{partition}/offsets", this::offsets);
  }

  private void respond(Context ctx, CompletableFuture<?> body) {
    String type = MediaTypes.v2Response(ctx);
    ctx.future(() -> body.thenAccept(value -> Responses.json(ctx, 200, type, value)));
  }

  private void brokers(Context ctx) {
    respond(
        ctx,
        cluster
            .cluster()
            .thenApply(info -> Map.of("brokers", info.brokers().stream().map(Node::id).toList())));
  }

  private void topic(Context ctx) {
    String topic = ctx.pathParam("topic");
    CompletableFuture<TopicDescription> description = cluster.describeTopic(topic);
    respond(
        ctx,
        description.thenCombine(
            cluster.topicConfigs(topic),
            (desc, configs) -> {
              Map<String, String> values = new LinkedHashMap<>();
              configs.forEach((name, entry) -> values.put(name, entry.value()));
              Map<String, Object> body = new LinkedHashMap<>();
              body.put("name", desc.name());
              body.put("configs", values);
              body.put("partitions", partitions(desc));
              return body;
            }));
  }

  private void partitions(Context ctx) {
    respond(ctx, cluster.describeTopic(ctx.pathParam("topic")).thenApply(this::partitions));
  }

  private void partition(Context ctx) {
    String topic = ctx.pathParam("topic");
    int id = Params.partition(ctx, "partition", topic);
    respond(
        ctx,
        cluster
            .describeTopic(topic)
            .thenApply(desc -> partitionBody(ClusterAdmin.partition(desc, id))));
  }

  private void offsets(Context ctx) {
    String topic = ctx.pathParam("topic");
    int id = Params.partition(ctx, "partition", topic);
    respond(
        ctx,
        cluster
            .describeTopic(topic)
            .thenCompose(
                desc -> {
                  ClusterAdmin.partition(desc, id);
                  return cluster.offsets(new TopicPartition(topic, id));
                })
            .thenApply(
                offsets ->
                    Map.of("beginning_offset", offsets.beginning(), "end_offset", offsets.end())));
  }

  private List<Map<String, Object>> partitions(TopicDescription description) {
    return description.partitions().stream().map(MetadataRoutes::partitionBody).toList();
  }

  static Map<String, Object> partitionBody(TopicPartitionInfo partition) {
    Node leader = partition.leader();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("partition", partition.partition());
    body.put("leader", leader == null ? -1 : leader.id());
    body.put(
        "replicas",
        partition.replicas().stream()
            .map(
                replica -> {
                  Map<String, Object> entry = new LinkedHashMap<>();
                  entry.put("broker", replica.id());
                  entry.put("leader", leader != null && leader.id() == replica.id());
                  entry.put("in_sync", partition.isr().contains(replica));
                  return entry;
                })
            .toList());
    return body;
  }
}
