package dev.wharf.proxy.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.http.HttpError;
import dev.wharf.core.http.Responses;
import dev.wharf.proxy.format.SchemaFormats;
import dev.wharf.proxy.http.MediaTypes;
import dev.wharf.proxy.http.Params;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * The v2 consumer endpoints under {@code /consumers}: instances, subscription, assignments,
 * offsets, positions and records. Each request becomes a task on the instance's own thread and the
 * HTTP response completes when that task does. Offsets follow Confluent: a commit with a body
 * stores each given offset plus one (the client sends the last offset it consumed), and a commit
 * without a body stores the position after everything returned so far.
 */
public final class ConsumerRoutes implements AutoCloseable {
  private static final String INSTANCE = "/consumers/{group}/instances/{instance}";

  private final ConsumerInstances instances;
  private final Function<Context, String> baseUrl;
  private final String proxyId;
  private final long requestTimeoutMs;
  private final long requestMaxBytes;
  private final SchemaFormats schemaFormats;

  /**
   * @param baseUrl the URL clients reach this proxy at, for a request (for {@code base_uri})
   */
  public ConsumerRoutes(
      Map<String, Object> clientSettings,
      Function<Context, String> baseUrl,
      String proxyId,
      long instanceTimeoutMs,
      long requestTimeoutMs,
      long requestMaxBytes,
      int maxInstances,
      SchemaFormats schemaFormats) {
    this.instances = new ConsumerInstances(clientSettings, instanceTimeoutMs, maxInstances);
    this.baseUrl = baseUrl;
    this.proxyId = proxyId;
    this.requestTimeoutMs = requestTimeoutMs;
    this.requestMaxBytes = requestMaxBytes;
    this.schemaFormats = schemaFormats;
  }

  public void register(RoutesConfig routes) {
    routes.post("/consumers/{group}", this::create);
    routes.delete(INSTANCE, this::delete);
    routes.post(INSTANCE + "/subscription", this::subscribe);
    routes.get(INSTANCE + "/subscription", this::subscription);
    routes.delete(INSTANCE + "/subscription", this::unsubscribe);
    routes.post(INSTANCE + "/assignments", this::assign);
    routes.get(INSTANCE + "/assignments", this::assignment);
    routes.post(INSTANCE + "/offsets", this::commit);
    routes.get(INSTANCE + "/offsets", this::committed);
    routes.post(INSTANCE + "/positions", this::seek);
    routes.post(INSTANCE + "/positions/beginning", ctx -> seekTo(ctx, true));
    routes.post(INSTANCE + "/positions/end", ctx -> seekTo(ctx, false));
    routes.get(INSTANCE + "/records", this::records);
  }

  private void create(Context ctx) {
    String type = MediaTypes.v2Response(ctx);
    JsonNode body = ConsumerBodies.controlBody(ctx);
    String group = ctx.pathParam("group");
    CreateConsumerRequest request =
        CreateConsumerRequest.parse(body, proxyId, requestTimeoutMs, schemaFormats);
    ConsumerInstance instance = instances.create(group, request);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("instance_id", instance.id().name());
    answer.put(
        "base_uri",
        baseUrl.apply(ctx) + "/consumers/" + group + "/instances/" + instance.id().name());
    Responses.json(ctx, 200, type, answer);
  }

  private void delete(Context ctx) {
    instances.delete(ctx.pathParam("group"), ctx.pathParam("instance"));
    Responses.empty(ctx, 204);
  }

  private void subscribe(Context ctx) {
    ConsumerInstance instance = instance(ctx);
    JsonNode body = ConsumerBodies.requiredBody(ctx);
    JsonNode topics = body.get("topics");
    JsonNode pattern = body.get("topic_pattern");
    boolean hasTopics = topics != null && !topics.isNull();
    boolean hasPattern = pattern != null && !pattern.isNull();
    if (hasTopics == hasPattern) {
      throw HttpError.unprocessable(
          "A subscription needs exactly one of 'topics' or 'topic_pattern' (consumer instance "
              + instance.id()
              + ")");
    }
    if (hasTopics) {
      List<String> names = ConsumerBodies.strings(topics, "topics");
      if (names.isEmpty()) {
        throw HttpError.unprocessable("'topics' may not be empty");
      }
      noContent(ctx, instance.call(consumer -> run(() -> consumer.subscribe(names))));
    } else {
      Pattern compiled;
      try {
        compiled = Pattern.compile(pattern.asText());
      } catch (PatternSyntaxException e) {
        throw HttpError.unprocessable("Invalid topic_pattern: " + e.getDescription());
      }
      noContent(ctx, instance.call(consumer -> run(() -> consumer.subscribe(compiled))));
    }
  }

  private void subscription(Context ctx) {
    ConsumerInstance instance = instance(ctx);
    respond(
        ctx,
        () ->
            instance.call(
                consumer -> Map.of("topics", consumer.subscription().stream().sorted().toList())));
  }

  private void unsubscribe(Context ctx) {
    noContent(ctx, instance(ctx).call(consumer -> run(consumer::unsubscribe)));
  }

  private void assign(Context ctx) {
    ConsumerInstance instance = instance(ctx);
    List<TopicPartition> partitions = ConsumerBodies.partitions(ConsumerBodies.requiredBody(ctx));
    noContent(ctx, instance.call(consumer -> run(() -> consumer.assign(partitions))));
  }

  private void assignment(Context ctx) {
    respond(
        ctx,
        () ->
            instance(ctx)
                .call(
                    consumer ->
                        Map.of(
                            "partitions",
                            consumer.assignment().stream()
                                .sorted(
                                    Comparator.comparing(TopicPartition::topic)
                                        .thenComparingInt(TopicPartition::partition))
                                .map(ConsumerBodies::partitionJson)
                                .toList())));
  }

  private void commit(Context ctx) {
    ConsumerInstance instance = instance(ctx);
    JsonNode body = ConsumerBodies.controlBody(ctx);
    JsonNode offsets = body == null ? null : body.get("offsets");
    if (offsets == null || offsets.isNull()) {
      respond(
          ctx,
          () ->
              instance.call(consumer -> run(consumer::commitSync)).thenApply(ok -> emptyOffsets()));
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();
    for (JsonNode entry : ConsumerBodies.array(offsets, "offsets")) {
      JsonNode metadata = entry.get("metadata");
      // Confluent's clients send the last offset they consumed; Kafka stores the next to read.
      toCommit.put(
          ConsumerBodies.partition(entry),
          new OffsetAndMetadata(
              ConsumerBodies.longField(entry, "offset") + 1,
              metadata == null || metadata.isNull() ? "" : metadata.asText()));
    }
    respond(
        ctx,
        () ->
            instance
                .call(consumer -> run(() -> consumer.commitSync(toCommit)))
                .thenApply(ok -> emptyOffsets()));
  }

  private void committed(Context ctx) {
    ConsumerInstance instance = instance(ctx);
    JsonNode body = ConsumerBodies.controlBody(ctx);
    if (body == null) {
      throw HttpError.badRequest(
          "Reading committed offsets needs a body {\"partitions\":[{\"topic\":...,"
              + "\"partition\":...}]} (consumer instance "
              + instance.id()
              + ")");
    }
    List<TopicPartition> partitions = ConsumerBodies.partitions(body);
    respond(
        ctx,
        () ->
            instance.call(
                consumer -> {
                  Map<TopicPartition, OffsetAndMetadata> committed =
                      consumer.committed(Set.copyOf(partitions));
                  return Map.of(
                      "offsets",
                      partitions.stream()
                          .filter(partition -> committed.get(partition) != null)
                          .map(
                              partition -> {
                                Map<String, Object> json = ConsumerBodies.partitionJson(partition);
                                json.put("offset", committed.get(partition).offset());
                                json.put("metadata", committed.get(partition).metadata());
                                return json;
                              })
                          .toList());
                }));
  }

  private void seek(Context ctx) {
    ConsumerInstance instance = instance(ctx);
    JsonNode body = ConsumerBodies.requiredBody(ctx);
    JsonNode offsets = body.get("offsets");
    JsonNode timestamps = body.get("timestamps");
    if (offsets != null && !offsets.isNull()) {
      Map<TopicPartition, Long> targets = new LinkedHashMap<>();
      for (JsonNode entry : ConsumerBodies.array(offsets, "offsets")) {
        targets.put(ConsumerBodies.partition(entry), ConsumerBodies.longField(entry, "offset"));
      }
      noContent(ctx, instance.call(consumer -> run(() -> targets.forEach(consumer::seek))));
    } else if (timestamps != null && !timestamps.isNull()) {
      Map<TopicPartition, Long> targets = new LinkedHashMap<>();
      for (JsonNode entry : ConsumerBodies.array(timestamps, "timestamps")) {
        targets.put(ConsumerBodies.partition(entry), ConsumerBodies.timestamp(entry));
      }
      noContent(ctx, instance.call(consumer -> run(() -> seekToTimes(consumer, targets))));
    } else {
      throw HttpError.unprocessable("Seeking needs 'offsets' or 'timestamps'");
    }
  }

  private static void seekToTimes(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> targets) {
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(targets);
    targets
        .keySet()
        .forEach(
            partition -> {
              OffsetAndTimestamp offset = found.get(partition);
              if (offset == null) {
                // No record at or after that time: the next one produced is the first to read.
                consumer.seekToEnd(List.of(partition));
                consumer.position(partition);
              } else {
                consumer.seek(partition, offset.offset());
              }
            });
  }

  private void seekTo(Context ctx, boolean beginning) {
    ConsumerInstance instance = instance(ctx);
    List<TopicPartition> partitions = ConsumerBodies.partitions(ConsumerBodies.requiredBody(ctx));
    noContent(
        ctx,
        instance.call(
            consumer ->
                run(
                    () -> {
                      if (beginning) {
                        consumer.seekToBeginning(partitions);
                      } else {
                        consumer.seekToEnd(partitions);
                      }
                      // Seeks to the ends are lazy; resolving them now makes a later commit or a
                      // wrong partition fail here rather than on some later request.
                      partitions.forEach(consumer::position);
                    })));
  }

  private void records(Context ctx) {
    ConsumerInstance instance = instance(ctx);
    String type = RecordsAccept.negotiate(ctx, instance);
    Long timeout = Params.optionalLong(ctx, "timeout");
    Long maxBytes = Params.optionalLong(ctx, "max_bytes");
    long wait =
        timeout == null || timeout < 0
            ? instance.requestTimeoutMs()
            : Math.min(timeout, instance.requestTimeoutMs());
    long limit =
        maxBytes == null || maxBytes <= 0 ? requestMaxBytes : Math.min(maxBytes, requestMaxBytes);
    CompletableFuture<byte[]> read =
        instance.call(
            consumer ->
                RecordFetch.read(
                    consumer, instance.format(), wait, limit, instance.responseMinBytes()));
    ctx.future(() -> read.thenAccept(body -> Responses.jsonBytes(ctx, 200, type, body)));
  }

  private ConsumerInstance instance(Context ctx) {
    return instances.get(ctx.pathParam("group"), ctx.pathParam("instance"));
  }

  /** Answers 200 with the body {@code action} computes, once the Accept header is known to fit. */
  private void respond(Context ctx, Supplier<CompletableFuture<?>> action) {
    String type = MediaTypes.v2Response(ctx);
    CompletableFuture<?> body = action.get();
    ctx.future(() -> body.thenAccept(value -> Responses.json(ctx, 200, type, value)));
  }

  private static void noContent(Context ctx, CompletableFuture<?> done) {
    ctx.future(() -> done.thenAccept(ignored -> Responses.empty(ctx, 204)));
  }

  private static Map<String, Object> emptyOffsets() {
    return Map.of("offsets", List.of());
  }

  private static Boolean run(Runnable action) {
    action.run();
    return Boolean.TRUE;
  }

  @Override
  public void close() {
    instances.close();
  }
}
