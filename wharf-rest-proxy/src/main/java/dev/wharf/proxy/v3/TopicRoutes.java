package dev.wharf.proxy.v3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.http.HttpError;
import dev.wharf.proxy.http.Params;
import dev.wharf.proxy.kafka.KafkaFutures;
import dev.wharf.proxy.metadata.ClusterAdmin;
import dev.wharf.proxy.produce.PartitionCounts;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The v3 topic resources: list, create, get, delete and {@code PATCH partitions_count}; topic
 * configs (list, get, set, reset, {@code configs:alter}); and partitions. Unlike v2, topics can be
 * created over HTTP here. An unknown topic is 404/40403, as Confluent's v3 answers.
 */
final class TopicRoutes {
  private static final String TOPIC = "/v3/clusters/{cluster_id}/topics/{topic_name}";

  private final V3Context v3;
  private final PartitionCounts partitionCounts;

  TopicRoutes(V3Context v3, PartitionCounts partitionCounts) {
    this.v3 = v3;
    this.partitionCounts = partitionCounts;
  }

  void register(RoutesConfig routes) {
    routes.get("/v3/clusters/{cluster_id}/topics", this::list);
    routes.post("/v3/clusters/{cluster_id}/topics", this::create);
    routes.get(TOPIC, this::get);
    routes.delete(TOPIC, this::delete);
    routes.patch(TOPIC, this::patch);
    routes.get(TOPIC + "/configs", this::configs);
    routes.get(TOPIC + "/configs/{name}", this::config);
    routes.put(TOPIC + "/configs/{name}", this::setConfig);
    routes.delete(TOPIC + "/configs/{name}", this::resetConfig);
    routes.post(TOPIC + "/configs:alter", this::alterConfigs);
    routes.get(TOPIC + "/partitions", this::partitions);
    routes.get(TOPIC + "/partitions/{partition_id}", this::partition);
  }

  private Admin admin() {
    return v3.cluster().admin();
  }

  private CompletableFuture<TopicDescription> describe(String topic) {
    return KafkaFutures.of(admin().describeTopics(List.of(topic)).allTopicNames())
        .thenApply(descriptions -> descriptions.get(topic));
  }

  private void list(Context ctx) {
    v3.respond(
        ctx,
        200,
        links ->
            KafkaFutures.of(admin().listTopics(new ListTopicsOptions().listInternal(true)).names())
                .thenCompose(names -> v3.cluster().describeTopics(names))
                .thenApply(
                    topics ->
                        links.list(
                            "KafkaTopicList",
                            "topics",
                            topics.stream().map(topic -> topicBody(links, topic)).toList())));
  }

  private void create(Context ctx) {
    JsonNode body = V3Bodies.required(ctx);
    JsonNode nameNode = body.get("topic_name");
    if (nameNode == null || !nameNode.isTextual() || nameNode.textValue().isBlank()) {
      throw HttpError.unprocessable("Creating a topic needs a 'topic_name'");
    }
    String name = nameNode.textValue();
    Optional<Integer> partitions = V3Bodies.optionalInt(body, "partitions_count");
    Optional<Short> replication =
        V3Bodies.optionalInt(body, "replication_factor").map(Integer::shortValue);
    Map<String, String> configs = new HashMap<>();
    JsonNode configList = body.get("configs");
    if (configList != null && !configList.isNull()) {
      for (JsonNode entry : V3Bodies.objects(configList, "configs")) {
        JsonNode value = entry.get("value");
        configs.put(
            V3Bodies.text(entry, "name"), value == null || value.isNull() ? null : value.asText());
      }
    }
    boolean validateOnly = body.path("validate_only").asBoolean(false);
    NewTopic topic = new NewTopic(name, partitions, replication).configs(configs);
    v3.respond(
        ctx,
        201,
        links ->
            KafkaFutures.of(
                    admin()
                        .createTopics(
                            List.of(topic), new CreateTopicsOptions().validateOnly(validateOnly))
                        .all())
                .thenCompose(
                    ignored -> {
                      if (validateOnly) {
                        Map<String, Object> result =
                            links.resource("KafkaTopic", "topics/" + name, "topic=" + name);
                        result.put("topic_name", name);
                        return CompletableFuture.completedFuture(result);
                      }
                      return describeUntil(name, described -> true, 40)
                          .thenApply(description -> topicBody(links, description));
                    }));
  }

  /**
   * Describes a topic just created or changed until the description shows the change: the
   * controller's answer comes a moment before the broker's metadata cache has the new topic or
   * partitions, so an unknown topic or an older description is retried briefly (every 50 ms, {@code
   * attempts} times); the last description is answered even if it is still the older one.
   */
  private CompletableFuture<TopicDescription> describeUntil(
      String topic, Predicate<TopicDescription> changed, int attempts) {
    return describe(topic)
        .handle(
            (description, error) -> {
              Throwable cause = error instanceof CompletionException ? error.getCause() : error;
              boolean retry =
                  attempts > 1
                      && (cause == null
                          ? !changed.test(description)
                          : cause instanceof UnknownTopicOrPartitionException);
              if (retry) {
                return CompletableFuture.supplyAsync(
                        () -> topic, CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS))
                    .thenCompose(name -> describeUntil(name, changed, attempts - 1));
              }
              return cause == null
                  ? CompletableFuture.completedFuture(description)
                  : CompletableFuture.<TopicDescription>failedFuture(cause);
            })
        .thenCompose(next -> next);
  }

  private void get(Context ctx) {
    String topic = ctx.pathParam("topic_name");
    v3.respond(ctx, 200, links -> describe(topic).thenApply(d -> topicBody(links, d)));
  }

  private void delete(Context ctx) {
    String topic = ctx.pathParam("topic_name");
    v3.respond(
        ctx,
        204,
        links ->
            KafkaFutures.of(admin().deleteTopics(List.of(topic)).all())
                .thenApply(
                    ignored -> {
                      partitionCounts.forget(topic);
                      return null;
                    }));
  }

  private void patch(Context ctx) {
    String topic = ctx.pathParam("topic_name");
    JsonNode body = V3Bodies.required(ctx);
    int count =
        V3Bodies.optionalInt(body, "partitions_count")
            .orElseThrow(
                () -> HttpError.unprocessable("Updating a topic needs 'partitions_count'"));
    v3.respond(
        ctx,
        200,
        links ->
            KafkaFutures.of(
                    admin().createPartitions(Map.of(topic, NewPartitions.increaseTo(count))).all())
                .thenCompose(
                    ignored ->
                        describeUntil(
                            topic, described -> described.partitions().size() >= count, 40))
                .thenApply(
                    description -> {
                      // Forgotten only now, so that the produce path cannot cache the old count.
                      partitionCounts.forget(topic);
                      return topicBody(links, description);
                    }));
  }

  private void configs(Context ctx) {
    String topic = ctx.pathParam("topic_name");
    v3.respond(
        ctx,
        200,
        links ->
            describe(topic)
                .thenCompose(ignored -> v3.cluster().topicConfigs(topic))
                .thenApply(
                    configs ->
                        links.list(
                            "KafkaTopicConfigList",
                            "topics/" + topic + "/configs",
                            configs.values().stream()
                                .map(entry -> configBody(links, topic, entry))
                                .toList())));
  }

  private void config(Context ctx) {
    String topic = ctx.pathParam("topic_name");
    String name = ctx.pathParam("name");
    v3.respond(
        ctx,
        200,
        links ->
            describe(topic)
                .thenCompose(ignored -> v3.cluster().topicConfigs(topic))
                .thenApply(
                    configs -> {
                      ConfigEntry entry = configs.get(name);
                      if (entry == null) {
                        throw new HttpError(
                            404, "Config '" + name + "' of topic '" + topic + "' not found.");
                      }
                      return configBody(links, topic, entry);
                    }));
  }

  private void setConfig(Context ctx) {
    String topic = ctx.pathParam("topic_name");
    JsonNode value = V3Bodies.required(ctx).get("value");
    String name = ctx.pathParam("name");
    alter(
        ctx,
        topic,
        List.of(
            new AlterConfigOp(
                new ConfigEntry(name, value == null || value.isNull() ? null : value.asText()),
                AlterConfigOp.OpType.SET)),
        false);
  }

  private void resetConfig(Context ctx) {
    String topic = ctx.pathParam("topic_name");
    alter(
        ctx,
        topic,
        List.of(
            new AlterConfigOp(
                new ConfigEntry(ctx.pathParam("name"), null), AlterConfigOp.OpType.DELETE)),
        false);
  }

  private void alterConfigs(Context ctx) {
    String topic = ctx.pathParam("topic_name");
    JsonNode body = V3Bodies.required(ctx);
    List<AlterConfigOp> ops = new ArrayList<>();
    for (JsonNode entry : V3Bodies.objects(body.path("data"), "data")) {
      String operation = entry.path("operation").asText("SET").toUpperCase(Locale.ROOT);
      JsonNode value = entry.get("value");
      ConfigEntry config =
          new ConfigEntry(
              V3Bodies.text(entry, "name"),
              value == null || value.isNull() ? null : value.asText());
      switch (operation) {
        case "SET" -> ops.add(new AlterConfigOp(config, AlterConfigOp.OpType.SET));
        case "DELETE" -> ops.add(new AlterConfigOp(config, AlterConfigOp.OpType.DELETE));
        default ->
            throw HttpError.badRequest(
                "Unknown config operation '" + operation + "'; use SET or DELETE");
      }
    }
    alter(ctx, topic, ops, body.path("validate_only").asBoolean(false));
  }

  private void alter(Context ctx, String topic, Collection<AlterConfigOp> ops, boolean validate) {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    v3.respond(
        ctx,
        204,
        links ->
            describe(topic)
                .thenCompose(
                    ignored ->
                        KafkaFutures.of(
                            admin()
                                .incrementalAlterConfigs(
                                    Map.of(resource, ops),
                                    new AlterConfigsOptions().validateOnly(validate))
                                .all()))
                .thenApply(ignored -> null));
  }

  private void partitions(Context ctx) {
    String topic = ctx.pathParam("topic_name");
    v3.respond(
        ctx,
        200,
        links ->
            describe(topic)
                .thenApply(
                    description ->
                        links.list(
                            "KafkaPartitionList",
                            "topics/" + topic + "/partitions",
                            description.partitions().stream()
                                .map(partition -> partitionBody(links, topic, partition))
                                .toList())));
  }

  private void partition(Context ctx) {
    String topic = ctx.pathParam("topic_name");
    int id = Params.partition(ctx, "partition_id", topic);
    v3.respond(
        ctx,
        200,
        links ->
            describe(topic)
                .thenApply(
                    description ->
                        partitionBody(links, topic, ClusterAdmin.partition(description, id))));
  }

  static Map<String, Object> topicBody(V3Links links, TopicDescription topic) {
    String path = "topics/" + topic.name();
    Map<String, Object> body = links.resource("KafkaTopic", path, "topic=" + topic.name());
    body.put("topic_name", topic.name());
    body.put("is_internal", topic.isInternal());
    body.put(
        "replication_factor",
        topic.partitions().isEmpty() ? 0 : topic.partitions().get(0).replicas().size());
    body.put("partitions_count", topic.partitions().size());
    body.put("partitions", links.related(path + "/partitions"));
    body.put("configs", links.related(path + "/configs"));
    body.put("partition_reassignments", links.related(path + "/partitions/-/reassignment"));
    body.put("authorized_operations", List.of());
    return body;
  }

  private static Map<String, Object> configBody(V3Links links, String topic, ConfigEntry entry) {
    Map<String, Object> body =
        links.resource(
            "KafkaTopicConfig",
            "topics/" + topic + "/configs/" + entry.name(),
            "topic=" + topic + "/config=" + entry.name());
    body.put("topic_name", topic);
    body.put("name", entry.name());
    body.put("value", entry.isSensitive() ? null : entry.value());
    body.put("is_default", entry.isDefault());
    body.put("is_read_only", entry.isReadOnly());
    body.put("is_sensitive", entry.isSensitive());
    body.put("source", entry.source().name());
    body.put(
        "synonyms",
        entry.synonyms().stream()
            .map(
                synonym -> {
                  Map<String, Object> json = new java.util.LinkedHashMap<>();
                  json.put("name", synonym.name());
                  json.put("value", entry.isSensitive() ? null : synonym.value());
                  json.put("source", synonym.source().name());
                  return json;
                })
            .toList());
    return body;
  }

  private static Map<String, Object> partitionBody(
      V3Links links, String topic, TopicPartitionInfo partition) {
    String path = "topics/" + topic + "/partitions/" + partition.partition();
    Map<String, Object> body =
        links.resource(
            "KafkaPartition", path, "topic=" + topic + "/partition=" + partition.partition());
    body.put("topic_name", topic);
    body.put("partition_id", partition.partition());
    body.put(
        "leader",
        partition.leader() == null
            ? null
            : links.related(path + "/replicas/" + partition.leader().id()));
    body.put("replicas", links.related(path + "/replicas"));
    body.put("reassignment", links.related(path + "/reassignment"));
    return body;
  }
}
