package dev.wharf.connect.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.connect.herder.ConnectorViews.ConnectorStatus;
import dev.wharf.connect.herder.ConnectorViews.TaskState;
import dev.wharf.connect.herder.Herder;
import dev.wharf.connect.metrics.ConnectMetrics;
import dev.wharf.connect.metrics.TaskMetrics;
import dev.wharf.connect.storage.TaskId;
import dev.wharf.core.http.Json;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code GET /connectors/{name}/metrics}: the connector's figures as JSON. Each task's figures come
 * from the worker that runs it (asked with {@code forward=false} for its own view); the connector's
 * totals add the tasks up, and {@code last_error} is the latest any worker saw. Workers that did
 * not answer are listed in {@code unavailable_workers}, and their tasks' figures are null.
 */
final class ConnectorMetricsRoute {
  private final Supplier<Herder> herder;
  private final ConnectMetrics metrics;
  private final Supplier<ClusterReads> cluster;

  ConnectorMetricsRoute(
      Supplier<Herder> herder, ConnectMetrics metrics, Supplier<ClusterReads> cluster) {
    this.herder = herder;
    this.metrics = metrics;
    this.cluster = cluster;
  }

  void handle(Context ctx) {
    String name = ctx.pathParam("name");
    herder.get().connectorConfig(name); // 404 for an unknown connector
    ConnectorStatus status = herder.get().connectorStatus(name);
    boolean sink = "sink".equals(status.type());
    ClusterReads reads = cluster.get();
    Map<Integer, Map<String, Object>> remoteTasks = new HashMap<>();
    List<Map<String, Object>> unavailable = new ArrayList<>();
    Map<String, Object> lastError =
        metrics.lastError(name).map(ConnectorMetricsRoute::view).orElse(null);
    Map<Integer, String> owners = new HashMap<>();
    if (reads != null && !ClusterReads.localOnly(ctx)) {
      List<TaskId> ids = status.tasks().stream().map(t -> new TaskId(name, t.id())).toList();
      ids.forEach(id -> reads.remoteOwner(id).ifPresent(url -> owners.put(id.task(), url)));
      Set<String> urls = reads.remoteOwners(name, ids);
      List<ClusterReads.Answer> answers = reads.getAll(urls, ClusterReads.localPath(ctx, Map.of()));
      ClusterReads.nameUnavailable(ctx, answers);
      for (ClusterReads.Answer answer : answers) {
        if (!answer.ok()) {
          Map<String, Object> missing = new LinkedHashMap<>();
          missing.put("worker_id", answer.workerId());
          missing.put("error", answer.error());
          unavailable.add(missing);
          continue;
        }
        for (JsonNode task : answer.body().path("tasks")) {
          if (answer.url().equals(owners.get(task.path("id").asInt(-1)))) {
            remoteTasks.put(task.get("id").asInt(), asMap(task));
          }
        }
        lastError = latest(lastError, answer.body().get("last_error"));
      }
    }
    List<Map<String, Object>> tasks = new ArrayList<>();
    Totals totals = new Totals();
    for (TaskState state : status.tasks()) {
      Map<String, Object> entry;
      if (owners.containsKey(state.id())) {
        entry = remoteTasks.getOrDefault(state.id(), unknownFigures(state.id()));
      } else {
        entry = localFigures(new TaskId(name, state.id()), sink);
      }
      entry.put("state", state.state());
      entry.put("worker_id", state.workerId());
      tasks.add(entry);
      totals.add(entry);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("connector", name);
    body.put("records_in_per_sec", totals.inRate);
    body.put("records_out_per_sec", totals.outRate);
    body.put("records_in_total", totals.inTotal);
    body.put("records_out_total", totals.outTotal);
    // No partition assigned (yet) means nothing is known to be waiting.
    body.put("lag", sink ? Long.valueOf(totals.lag == null ? 0 : totals.lag) : null);
    body.put("last_error", lastError);
    body.put("errors", totals.errors);
    body.put("tasks", tasks);
    body.put("unavailable_workers", unavailable);
    ConnectorRoutes.json(ctx, 200, body);
  }

  private Map<String, Object> localFigures(TaskId id, boolean sink) {
    Optional<TaskMetrics> task = metrics.task(id);
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("id", id.task());
    entry.put("state", null);
    entry.put("worker_id", null);
    entry.put("records_in_per_sec", task.map(TaskMetrics::recordsInPerSecond).orElse(0.0));
    entry.put("records_out_per_sec", task.map(TaskMetrics::recordsOutPerSecond).orElse(0.0));
    entry.put("records_in_total", task.map(TaskMetrics::recordsInTotal).orElse(0L));
    entry.put("records_out_total", task.map(TaskMetrics::recordsOutTotal).orElse(0L));
    entry.put("lag", sink ? task.map(TaskMetrics::totalLag).orElse(null) : null);
    String batch = sink ? "put_batch_" : "poll_batch_";
    entry.put(batch + "avg_time_ms", task.map(TaskMetrics::batchAverageMillis).orElse(0.0));
    entry.put(batch + "max_time_ms", task.map(TaskMetrics::batchMaxMillis).orElse(0.0));
    entry.put("errors", task.map(TaskMetrics::errorFigures).orElse(null));
    return entry;
  }

  /** A task whose worker did not answer: its figures are not known. */
  private static Map<String, Object> unknownFigures(int id) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("id", id);
    entry.put("state", null);
    entry.put("worker_id", null);
    entry.put("records_in_per_sec", null);
    entry.put("records_out_per_sec", null);
    entry.put("records_in_total", null);
    entry.put("records_out_total", null);
    entry.put("lag", null);
    return entry;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(JsonNode node) {
    return Json.mapper().convertValue(node, LinkedHashMap.class);
  }

  private static Map<String, Object> latest(Map<String, Object> current, JsonNode candidate) {
    if (candidate == null || !candidate.isObject()) {
      return current;
    }
    Instant time = Instant.parse(candidate.path("time").asText("1970-01-01T00:00:00Z"));
    if (current == null || time.isAfter(Instant.parse((String) current.get("time")))) {
      return asMap(candidate);
    }
    return current;
  }

  static Map<String, Object> view(ConnectMetrics.LastError error) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("message", error.message());
    view.put("time", error.time().toString());
    if (error.task() != null) {
      view.put("task", error.task());
    }
    return view;
  }

  /** The connector's sums over its tasks; figures a task lacks (null) add nothing. */
  private static final class Totals {
    double inRate;
    double outRate;
    long inTotal;
    long outTotal;
    Long lag;
    final Map<String, Long> errors = new LinkedHashMap<>(TaskMetrics.disabled().errorFigures());

    void add(Map<String, Object> task) {
      if (task.get("errors") instanceof Map<?, ?> figures) {
        figures.forEach(
            (key, value) ->
                errors.merge(
                    String.valueOf(key),
                    number(value).longValue(),
                    "last_error_timestamp".equals(key) ? Math::max : Long::sum));
      }
      inRate += number(task.get("records_in_per_sec")).doubleValue();
      outRate += number(task.get("records_out_per_sec")).doubleValue();
      inTotal += number(task.get("records_in_total")).longValue();
      outTotal += number(task.get("records_out_total")).longValue();
      if (task.get("lag") instanceof Number taskLag) {
        lag = (lag == null ? 0 : lag) + taskLag.longValue();
      }
    }

    private static Number number(Object value) {
      return value instanceof Number n ? n : 0;
    }
  }
}
