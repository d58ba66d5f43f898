package dev.wharf.proxy.v3;

import dev.wharf.core.http.HttpError;
import dev.wharf.proxy.kafka.KafkaFutures;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The v3 lag resources of a consumer group: per partition and in summary. Lag is the partition's
 * log end offset minus the group's committed offset, for every partition the group has committed,
 * with the member that owns the partition when there is one.
 */
final class LagRoutes {
  private static final String GROUP = "/v3/clusters/{cluster_id}/consumer-groups/{group_id}";

  private final V3Context v3;
  private final ConsumerGroups groups;

  LagRoutes(V3Context v3) {
    this.v3 = v3;
    this.groups = new ConsumerGroups(v3.cluster().admin());
  }

  void register(RoutesConfig routes) {
    routes.get(GROUP + "/lags", this::lags);
    routes.get(GROUP + "/lags/{topic_name}/partitions/{partition_id}", this::lag);
    routes.get(GROUP + "/lag-summary", this::lagSummary);
  }

  private Admin admin() {
    return v3.cluster().admin();
  }

  /** One partition's lag with the member that owns it, if any. */
  private record Lag(TopicPartition partition, long current, long end, MemberDescription owner) {
    long lag() {
      return Math.max(0, end - current);
    }
  }

  private CompletableFuture<List<Lag>> lagsOf(String group) {
    return groups
        .describe(group)
        .thenCompose(
            description ->
                KafkaFutures.of(
                        admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata())
                    .thenCompose(committed -> withEnds(description, committed)));
  }

  private CompletableFuture<List<Lag>> withEnds(
      ConsumerGroupDescription description, Map<TopicPartition, OffsetAndMetadata> committed) {
    Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
    committed.forEach(
        (partition, offset) -> {
          if (offset != null) {
            specs.put(partition, OffsetSpec.latest());
          }
        });
    Map<TopicPartition, MemberDescription> owners = new HashMap<>();
    description
        .members()
        .forEach(
            member -> member.assignment().topicPartitions().forEach(tp -> owners.put(tp, member)));
    return KafkaFutures.of(admin().listOffsets(specs).all())
        .thenApply(
            ends -> {
              List<Lag> lags = new ArrayList<>();
              specs
                  .keySet()
                  .forEach(
                      partition ->
                          lags.add(
                              new Lag(
                                  partition,
                                  committed.get(partition).offset(),
                                  ends.get(partition).offset(),
                                  owners.get(partition))));
              lags.sort(
                  Comparator.comparing((Lag lag) -> lag.partition().topic())
                      .thenComparingInt(lag -> lag.partition().partition()));
              return lags;
            });
  }

  private void lags(Context ctx) {
    String group = ctx.pathParam("group_id");
    v3.respond(
        ctx,
        200,
        links ->
            lagsOf(group)
                .thenApply(
                    lags ->
                        links.list(
                            "KafkaConsumerLagList",
                            "consumer-groups/" + group + "/lags",
                            lags.stream().map(lag -> lagBody(links, group, lag)).toList())));
  }

  private void lag(Context ctx) {
    String group = ctx.pathParam("group_id");
    String topic = ctx.pathParam("topic_name");
    String partition = ctx.pathParam("partition_id");
    v3.respond(
        ctx,
        200,
        links ->
            lagsOf(group)
                .thenApply(
                    lags ->
                        lags.stream()
                            .filter(
                                lag ->
                                    lag.partition().topic().equals(topic)
                                        && String.valueOf(lag.partition().partition())
                                            .equals(partition))
                            .findFirst()
                            .map(lag -> lagBody(links, group, lag))
                            .orElseThrow(
                                () ->
                                    new HttpError(
                                        404,
                                        "Consumer group '"
                                            + group
                                            + "' has no offset for partition "
                                            + partition
                                            + " of topic '"
                                            + topic
                                            + "'."))));
  }

  private void lagSummary(Context ctx) {
    String group = ctx.pathParam("group_id");
    v3.respond(
        ctx,
        200,
        links ->
            lagsOf(group)
                .thenApply(
                    lags -> {
                      Map<String, Object> body =
                          links.resource(
                              "KafkaConsumerGroupLagSummary",
                              "consumer-groups/" + group + "/lag-summary",
                              "consumer-group=" + group + "/lag-summary");
                      body.put("consumer_group_id", group);
                      Lag max = lags.stream().max(Comparator.comparingLong(Lag::lag)).orElse(null);
                      putOwner(body, "max_lag_", max == null ? null : max.owner());
                      body.put("max_lag_topic_name", max == null ? "" : max.partition().topic());
                      body.put(
                          "max_lag_partition_id", max == null ? 0 : max.partition().partition());
                      body.put("max_lag", max == null ? 0 : max.lag());
                      body.put("total_lag", lags.stream().mapToLong(Lag::lag).sum());
                      if (max != null && max.owner() != null) {
                        body.put(
                            "max_lag_consumer",
                            links.related(
                                "consumer-groups/"
                                    + group
                                    + "/consumers/"
                                    + max.owner().consumerId()));
                      }
                      if (max != null) {
                        body.put(
                            "max_lag_partition",
                            links.related(
                                "topics/"
                                    + max.partition().topic()
                                    + "/partitions/"
                                    + max.partition().partition()));
                      }
                      return body;
                    }));
  }

  private static Map<String, Object> lagBody(V3Links links, String group, Lag lag) {
    TopicPartition partition = lag.partition();
    Map<String, Object> body =
        links.resource(
            "KafkaConsumerLag",
            "consumer-groups/"
                + group
                + "/lags/"
                + partition.topic()
                + "/partitions/"
                + partition.partition(),
            "consumer-group="
                + group
                + "/lag="
                + partition.topic()
                + "/partition="
                + partition.partition());
    body.put("consumer_group_id", group);
    body.put("topic_name", partition.topic());
    body.put("partition_id", partition.partition());
    body.put("current_offset", lag.current());
    body.put("log_end_offset", lag.end());
    body.put("lag", lag.lag());
    putOwner(body, "", lag.owner());
    return body;
  }

  private static void putOwner(Map<String, Object> body, String prefix, MemberDescription owner) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(prefix + "consumer_id", owner == null ? "" : owner.consumerId());
    fields.put(prefix + "instance_id", owner == null ? null : owner.groupInstanceId().orElse(null));
    fields.put(prefix + "client_id", owner == null ? "" : owner.clientId());
    body.putAll(fields);
  }
}
