package dev.wharf.connect.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.connect.cluster.PeerReads;
import dev.wharf.connect.herder.Cluster;
import dev.wharf.connect.herder.Herder;
import dev.wharf.connect.logs.ConnectorLogs;
import dev.wharf.connect.logs.LogBuffer;
import dev.wharf.connect.logs.LogLine;
import dev.wharf.connect.logs.LogQuery;
import dev.wharf.connect.metrics.ConnectMetrics;
import dev.wharf.connect.storage.TaskId;
import dev.wharf.core.http.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Wharf's own endpoints beside Apache's connector API: {@code GET /connectors/{name}/logs}, {@code
 * GET /connectors/{name}/tasks/{task}/logs} (JSON, or Server-Sent Events with {@code follow=true})
 * and {@code GET /connectors/{name}/metrics}. An unknown connector or task gets Connect's 404 body;
 * a malformed parameter gets 400. In a cluster, a task's lines come from the worker that runs it
 * and a connector's are merged from every worker involved (see {@link ClusterReads}).
 */
final class ObservabilityRoutes implements AutoCloseable {
  private final Supplier<Herder> herder;
  private final ConnectorLogs logs;
  private final LogFollowers followers;
  private final LogRelay relays = new LogRelay();
  private final ConnectorMetricsRoute metricsRoute;
  private volatile ClusterReads cluster;

  ObservabilityRoutes(Supplier<Herder> herder, ConnectorLogs logs, ConnectMetrics metrics) {
    this.herder = herder;
    this.logs = logs;
    this.followers = new LogFollowers(this::json);
    this.metricsRoute = new ConnectorMetricsRoute(herder, metrics, () -> cluster);
  }

  /** From now on, answers cover the work running on the other workers of {@code members}. */
  void acrossCluster(Cluster members, PeerReads peers) {
    this.cluster = new ClusterReads(members, peers);
  }

  void register(RoutesConfig routes) {
    routes.get("/connectors/{name}/logs", ctx -> logs(ctx, null));
    routes.get("/connectors/{name}/tasks/{task}/logs", ctx -> logs(ctx, LogParams.task(ctx)));
    routes.get("/connectors/{name}/metrics", metricsRoute::handle);
  }

  private void logs(Context ctx, Integer task) throws Exception {
    String name = ctx.pathParam("name");
    herder.get().connectorConfig(name); // 404 for an unknown connector
    if (task != null) {
      herder.get().taskStatus(new TaskId(name, task)); // 404 for an unknown task
    }
    LogQuery query = LogParams.query(ctx, task, logs.maxLines());
    boolean follow = LogParams.follow(ctx);
    ClusterReads reads = ClusterReads.localOnly(ctx) ? null : cluster;
    if (reads != null && task != null) {
      Optional<String> owner = reads.remoteOwner(new TaskId(name, task));
      if (owner.isPresent() && forwardTaskLogs(ctx, reads, owner.get(), follow)) {
        return;
      }
    }
    Set<String> others =
        reads == null || task != null ? Set.of() : reads.remoteOwners(name, taskIds(name));
    if (follow) {
      logs.open(name); // a connector that has not started here yet streams once it does
      LogBuffer buffer = logs.buffer(name).orElseThrow();
      if (others.isEmpty()) {
        startEventStream(ctx);
        ctx.async(
            config -> config.timeout = 0,
            () -> followers.follow(new SseClient(ctx), buffer, query));
      } else {
        followMerged(ctx, reads, others, buffer, query);
      }
      return;
    }
    LogBuffer.Tail local =
        logs.buffer(name).map(b -> b.tail(query)).orElse(new LogBuffer.Tail(List.of(), 0));
    ConnectorRoutes.json(ctx, 200, merged(ctx, reads, others, local, query).lines());
  }

  /**
   * Answers a task's log request from the worker that runs the task; false when that worker does
   * not answer (the response then names it, and this worker answers with what it has).
   */
  private boolean forwardTaskLogs(Context ctx, ClusterReads reads, String owner, boolean follow)
      throws java.io.IOException {
    String path = ClusterReads.localPath(ctx, Map.of());
    if (follow) {
      if (relays.proxy(ctx, reads.peers(), owner, path)) {
        return true;
      }
      ctx.header(ClusterReads.UNAVAILABLE_HEADER, PeerReads.workerId(owner));
      return false;
    }
    List<ClusterReads.Answer> answers = reads.getAll(Set.of(owner), path);
    ClusterReads.Answer answer = answers.get(0);
    if (!answer.ok()) {
      ClusterReads.nameUnavailable(ctx, answers);
      return false;
    }
    ConnectorRoutes.json(ctx, 200, answer.body());
    return true;
  }

  /** Lines merged from this worker and {@code others}, by time, then cut to the query's tail. */
  private Merged merged(
      Context ctx, ClusterReads reads, Set<String> others, LogBuffer.Tail local, LogQuery query) {
    List<Map<String, Object>> lines = new ArrayList<>();
    local.lines().forEach(l -> lines.add(view(l, workerId())));
    List<ClusterReads.Answer> answers = List.of();
    if (!others.isEmpty()) {
      answers = reads.getAll(others, ClusterReads.localPath(ctx, Map.of("follow", "false")));
      ClusterReads.nameUnavailable(ctx, answers);
      for (ClusterReads.Answer answer : answers) {
        if (answer.ok()) {
          answer.body().forEach(line -> lines.add(asMap(line, answer.workerId())));
        }
      }
      // A stable sort keeps each worker's own order among lines of the same millisecond.
      lines.sort(Comparator.comparingLong(l -> ((Number) l.get("timestamp")).longValue()));
    }
    List<Map<String, Object>> tail =
        new ArrayList<>(lines.subList(Math.max(0, lines.size() - query.tail()), lines.size()));
    return new Merged(tail, answers);
  }

  private record Merged(List<Map<String, Object>> lines, List<ClusterReads.Answer> answers) {}

  /**
   * A connector's stream in a cluster: the merged tail, then this worker's new lines and those of
   * every other worker involved, each relayed as it arrives.
   */
  private void followMerged(
      Context ctx, ClusterReads reads, Set<String> others, LogBuffer buffer, LogQuery query)
      throws java.io.IOException {
    long asked = System.currentTimeMillis();
    LogBuffer.Tail local = buffer.tail(query);
    Merged merged = merged(ctx, reads, others, local, query);
    startEventStream(ctx);
    SseClient client = new SseClient(ctx);
    ctx.async(
        config -> config.timeout = 0,
        () -> {
          client.keepAlive();
          for (Map<String, Object> line : merged.lines()) {
            String id = line.get("worker_id") + "/" + line.get("timestamp");
            synchronized (client) {
              client.sendEvent("message", Json.mapper().writeValueAsString(line), id);
            }
          }
          followers.continueAfter(client, buffer, query, local.lastSequence());
          for (ClusterReads.Answer answer : merged.answers()) {
            // Continue each worker from its newest line already sent (or from when we asked),
            // skipping lines of that same millisecond the client already has.
            long from = asked;
            Set<String> sent = ConcurrentHashMap.newKeySet();
            if (answer.ok() && answer.body().size() > 0) {
              from = answer.body().get(answer.body().size() - 1).path("timestamp").asLong(asked);
              for (JsonNode line : answer.body()) {
                if (line.path("timestamp").asLong() == from) {
                  sent.add(key(line));
                }
              }
            }
            if (query.sinceMillis() != null) {
              from = Math.max(from, query.sinceMillis());
            }
            String path =
                ClusterReads.localPath(
                    ctx,
                    Map.of(
                        "follow", "true",
                        "since", Long.toString(from),
                        "tail", Integer.toString(logs.maxLines())));
            relays.relay(client, reads.peers(), answer.url(), path, data -> sent.remove(key(data)));
          }
        });
  }

  private static String key(JsonNode line) {
    return line.path("timestamp").asText()
        + "|"
        + line.path("task").asText()
        + "|"
        + line.path("thread").asText()
        + "|"
        + line.path("message").asText();
  }

  private static String key(String data) {
    try {
      return key(Json.mapper().readTree(data));
    } catch (java.io.IOException e) {
      return data;
    }
  }

  /**
   * Starts an event stream whatever the Accept header says ({@code curl} sends none, and Javalin's
   * own SSE handler would then answer nothing): the same headers as Javalin's SSE support; the
   * caller then keeps the response open asynchronously.
   */
  static void startEventStream(Context ctx) throws java.io.IOException {
    jakarta.servlet.http.HttpServletResponse response = ctx.res();
    response.setStatus(200);
    response.setCharacterEncoding("UTF-8");
    response.setContentType("text/event-stream");
    response.addHeader("Cache-Control", "no-cache");
    response.addHeader("X-Accel-Buffering", "no");
    response.flushBuffer();
  }

  private List<TaskId> taskIds(String name) {
    List<TaskId> ids = new ArrayList<>();
    herder.get().connectorStatus(name).tasks().forEach(t -> ids.add(new TaskId(name, t.id())));
    return ids;
  }

  private String workerId() {
    Herder current = herder.get();
    return current.workerId();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(JsonNode line, String workerId) {
    Map<String, Object> map = Json.mapper().convertValue(line, LinkedHashMap.class);
    map.putIfAbsent("worker_id", workerId);
    return map;
  }

  /** A captured line as the log endpoints show it, in the JSON and in each SSE event. */
  static Map<String, Object> view(LogLine line, String workerId) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("timestamp", line.timestamp());
    view.put("time", Instant.ofEpochMilli(line.timestamp()).toString());
    view.put("level", line.level().toString());
    view.put("logger", line.logger());
    view.put("thread", line.thread());
    view.put("connector", line.connector());
    if (line.task() != null) {
      view.put("task", line.task());
    }
    view.put("message", line.message());
    if (line.stackTrace() != null) {
      view.put("stack_trace", line.stackTrace());
    }
    view.put("worker_id", workerId);
    return view;
  }

  private String json(LogLine line) {
    try {
      return Json.mapper().writeValueAsString(view(line, workerId()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write a log line as JSON", e);
    }
  }

  @Override
  public void close() {
    followers.close();
    relays.close();
  }
}
