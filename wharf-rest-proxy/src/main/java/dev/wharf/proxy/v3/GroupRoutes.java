package dev.wharf.proxy.v3;

import dev.wharf.core.http.HttpError;
import dev.wharf.proxy.kafka.KafkaFutures;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * The v3 consumer group resources: groups, their consumers, and each consumer's assigned
 * partitions. The lags are {@link LagRoutes}'.
 */
final class GroupRoutes {
  private static final String GROUP = "/v3/clusters/{cluster_id}/consumer-groups/{group_id}";

  private final V3Context v3;
  private final ConsumerGroups groups;

  GroupRoutes(V3Context v3) {
    this.v3 = v3;
    this.groups = new ConsumerGroups(v3.cluster().admin());
  }

  void register(RoutesConfig routes) {
    routes.get("/v3/clusters/{cluster_id}/consumer-groups", this::list);
    routes.get(GROUP, this::get);
    routes.get(GROUP + "/consumers", this::consumers);
    routes.get(GROUP + "/consumers/{consumer_id}", this::consumer);
    routes.get(GROUP + "/consumers/{consumer_id}/assignments", this::assignments);
    routes.get(
        GROUP + "/consumers/{consumer_id}/assignments/{topic_name}/partitions/{partition_id}",
        this::assignment);
  }

  private Admin admin() {
    return v3.cluster().admin();
  }

  private void list(Context ctx) {
    v3.respond(
        ctx,
        200,
        links ->
            KafkaFutures.of(admin().listGroups(ListGroupsOptions.forConsumerGroups()).all())
                .thenCompose(
                    listings ->
                        KafkaFutures.of(
                            admin()
                                .describeConsumerGroups(
                                    listings.stream().map(GroupListing::groupId).toList())
                                .all()))
                .thenApply(
                    groups ->
                        links.list(
                            "KafkaConsumerGroupList",
                            "consumer-groups",
                            groups.values().stream()
                                .sorted(Comparator.comparing(ConsumerGroupDescription::groupId))
                                .map(group -> groupBody(links, group))
                                .toList())));
  }

  private void get(Context ctx) {
    String group = ctx.pathParam("group_id");
    v3.respond(ctx, 200, links -> groups.describe(group).thenApply(d -> groupBody(links, d)));
  }

  private void consumers(Context ctx) {
    String group = ctx.pathParam("group_id");
    v3.respond(
        ctx,
        200,
        links ->
            groups
                .describe(group)
                .thenApply(
                    description ->
                        links.list(
                            "KafkaConsumerList",
                            "consumer-groups/" + group + "/consumers",
                            description.members().stream()
                                .map(member -> consumerBody(links, group, member))
                                .toList())));
  }

  private void consumer(Context ctx) {
    String group = ctx.pathParam("group_id");
    v3.respond(
        ctx,
        200,
        links ->
            member(group, ctx.pathParam("consumer_id"))
                .thenApply(member -> consumerBody(links, group, member)));
  }

  private CompletableFuture<MemberDescription> member(String group, String id) {
    return groups
        .describe(group)
        .thenApply(
            description ->
                description.members().stream()
                    .filter(member -> member.consumerId().equals(id))
                    .findFirst()
                    .orElseThrow(
                        () ->
                            new HttpError(
                                404,
                                "Consumer '"
                                    + id
                                    + "' not found in consumer group '"
                                    + group
                                    + "'.")));
  }

  private void assignments(Context ctx) {
    String group = ctx.pathParam("group_id");
    String id = ctx.pathParam("consumer_id");
    v3.respond(
        ctx,
        200,
        links ->
            member(group, id)
                .thenApply(
                    member ->
                        links.list(
                            "KafkaConsumerAssignmentList",
                            "consumer-groups/" + group + "/consumers/" + id + "/assignments",
                            member.assignment().topicPartitions().stream()
                                .sorted(
                                    Comparator.comparing(TopicPartition::topic)
                                        .thenComparingInt(TopicPartition::partition))
                                .map(partition -> assignmentBody(links, group, id, partition))
                                .toList())));
  }

  private void assignment(Context ctx) {
    String group = ctx.pathParam("group_id");
    String id = ctx.pathParam("consumer_id");
    String topic = ctx.pathParam("topic_name");
    String partition = ctx.pathParam("partition_id");
    v3.respond(
        ctx,
        200,
        links ->
            member(group, id)
                .thenApply(
                    member ->
                        member.assignment().topicPartitions().stream()
                            .filter(
                                tp ->
                                    tp.topic().equals(topic)
                                        && String.valueOf(tp.partition()).equals(partition))
                            .findFirst()
                            .map(tp -> assignmentBody(links, group, id, tp))
                            .orElseThrow(
                                () ->
                                    new HttpError(
                                        404,
                                        "Consumer '"
                                            + id
                                            + "' is not assigned partition "
                                            + partition
                                            + " of topic '"
                                            + topic
                                            + "'."))));
  }

  private static Map<String, Object> assignmentBody(
      V3Links links, String group, String id, TopicPartition partition) {
    Map<String, Object> body =
        links.resource(
            "KafkaConsumerAssignment",
            "consumer-groups/"
                + group
                + "/consumers/"
                + id
                + "/assignments/"
                + partition.topic()
                + "/partitions/"
                + partition.partition(),
            "consumer-group="
                + group
                + "/consumer="
                + id
                + "/assignment="
                + partition.topic()
                + "/partition="
                + partition.partition());
    body.put("consumer_group_id", group);
    body.put("consumer_id", id);
    body.put("topic_name", partition.topic());
    body.put("partition_id", partition.partition());
    body.put(
        "partition",
        links.related("topics/" + partition.topic() + "/partitions/" + partition.partition()));
    body.put(
        "lag",
        links.related(
            "consumer-groups/"
                + group
                + "/lags/"
                + partition.topic()
                + "/partitions/"
                + partition.partition()));
    return body;
  }

  private static Map<String, Object> groupBody(V3Links links, ConsumerGroupDescription group) {
    String path = "consumer-groups/" + group.groupId();
    Map<String, Object> body =
        links.resource("KafkaConsumerGroup", path, "consumer-group=" + group.groupId());
    body.put("consumer_group_id", group.groupId());
    body.put("is_simple", group.isSimpleConsumerGroup());
    body.put("partition_assignor", group.partitionAssignor());
    body.put("state", group.groupState().name());
    body.put("type", group.type().name());
    body.put(
        "coordinator",
        group.coordinator() == null ? null : links.related("brokers/" + group.coordinator().id()));
    body.put("consumers", links.related(path + "/consumers"));
    body.put("lag_summary", links.related(path + "/lag-summary"));
    return body;
  }

  private static Map<String, Object> consumerBody(
      V3Links links, String group, MemberDescription member) {
    String path = "consumer-groups/" + group + "/consumers/" + member.consumerId();
    Map<String, Object> body =
        links.resource(
            "KafkaConsumer", path, "consumer-group=" + group + "/consumer=" + member.consumerId());
    body.put("consumer_group_id", group);
    body.put("consumer_id", member.consumerId());
    body.put("instance_id", member.groupInstanceId().orElse(null));
    body.put("client_id", member.clientId());
    body.put("assignments", links.related(path + "/assignments"));
    return body;
  }
}
