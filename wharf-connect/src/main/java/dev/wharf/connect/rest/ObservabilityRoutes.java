package dev.wharf.connect.rest;

import ch.qos.logback.classic.Level;
import dev.wharf.connect.herder.ConnectorViews.ConnectorStatus;
import dev.wharf.connect.herder.ConnectorViews.TaskState;
import dev.wharf.connect.herder.Herder;
import dev.wharf.connect.logs.ConnectorLogs;
import dev.wharf.connect.logs.LogBuffer;
import dev.wharf.connect.logs.LogLine;
import dev.wharf.connect.logs.LogQuery;
import dev.wharf.connect.metrics.ConnectMetrics;
import dev.wharf.connect.metrics.TaskMetrics;
import dev.wharf.connect.storage.TaskId;
import dev.wharf.core.http.HttpError;
import dev.wharf.core.http.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Wharf's own endpoints beside Apache's connector API: {@code GET /connectors/{name}/logs}, {@code
 * GET /connectors/{name}/tasks/{task}/logs} (JSON, or Server-Sent Events with {@code follow=true})
 * and {@code GET /connectors/{name}/metrics}. An unknown connector or task gets Connect's 404 body;
 * a malformed parameter gets 400.
 */
final class ObservabilityRoutes implements AutoCloseable {
  static final int DEFAULT_TAIL = 100;
  private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

  private final Supplier<Herder> herder;
  private final ConnectorLogs logs;
  private final ConnectMetrics metrics;
  private final LogFollowers followers = new LogFollowers(ObservabilityRoutes::json);

  ObservabilityRoutes(Supplier<Herder> herder, ConnectorLogs logs, ConnectMetrics metrics) {
    this.herder = herder;
    this.logs = logs;
    this.metrics = metrics;
  }

  void register(RoutesConfig routes) {
    routes.get("/connectors/{name}/logs", ctx -> logs(ctx, null));
    routes.get("/connectors/{name}/tasks/{task}/logs", ctx -> logs(ctx, task(ctx)));
    routes.get("/connectors/{name}/metrics", this::metrics);
  }

  private void logs(Context ctx, Integer task) throws Exception {
    String name = ctx.pathParam("name");
    herder.get().connectorConfig(name); // 404 for an unknown connector
    if (task != null) {
      herder.get().taskStatus(new TaskId(name, task)); // 404 for an unknown task
    }
    LogQuery query = new LogQuery(task, level(ctx), since(ctx), tail(ctx));
    if (bool(ctx, "follow")) {
      logs.open(name); // a connector that has not started here yet streams once it does
      LogBuffer buffer = logs.buffer(name).orElseThrow();
      stream(ctx, buffer, query);
      return;
    }
    List<Map<String, Object>> body = new ArrayList<>();
    logs.buffer(name).ifPresent(buffer -> buffer.select(query).forEach(l -> body.add(view(l))));
    ConnectorRoutes.json(ctx, 200, body);
  }

  /**
   * Answers with an event stream whatever the Accept header says ({@code curl} sends none, and
   * Javalin's own SSE handler would then answer nothing): the same headers and asynchronous
   * response as Javalin's SSE support, then the followers take over.
   */
  private void stream(Context ctx, LogBuffer buffer, LogQuery query) throws java.io.IOException {
    jakarta.servlet.http.HttpServletResponse response = ctx.res();
    response.setStatus(200);
    response.setCharacterEncoding("UTF-8");
    response.setContentType("text/event-stream");
    response.addHeader("Cache-Control", "no-cache");
    response.addHeader("X-Accel-Buffering", "no");
    response.flushBuffer();
    ctx.async(
        config -> config.timeout = 0, () -> followers.follow(new SseClient(ctx), buffer, query));
  }

  private void metrics(Context ctx) {
    String name = ctx.pathParam("name");
    herder.get().connectorConfig(name); // 404 for an unknown connector
    ConnectorStatus status = herder.get().connectorStatus(name);
    boolean sink = "sink".equals(status.type());
    List<Map<String, Object>> tasks = new ArrayList<>();
    double inRate = 0;
    double outRate = 0;
    long inTotal = 0;
    long outTotal = 0;
    Long lag = null;
    for (TaskState state : status.tasks()) {
      Optional<TaskMetrics> task = metrics.task(new TaskId(name, state.id()));
      double taskIn = task.map(TaskMetrics::recordsInPerSecond).orElse(0.0);
      double taskOut = task.map(TaskMetrics::recordsOutPerSecond).orElse(0.0);
      long taskInTotal = task.map(TaskMetrics::recordsInTotal).orElse(0L);
      long taskOutTotal = task.map(TaskMetrics::recordsOutTotal).orElse(0L);
      Long taskLag = sink ? task.map(TaskMetrics::totalLag).orElse(null) : null;
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", state.id());
      entry.put("state", state.state());
      entry.put("records_in_per_sec", taskIn);
      entry.put("records_out_per_sec", taskOut);
      entry.put("records_in_total", taskInTotal);
      entry.put("records_out_total", taskOutTotal);
      entry.put("lag", taskLag);
      tasks.add(entry);
      inRate += taskIn;
      outRate += taskOut;
      inTotal += taskInTotal;
      outTotal += taskOutTotal;
      if (taskLag != null) {
        lag = (lag == null ? 0 : lag) + taskLag;
      }
    }
    if (sink && lag == null) {
      lag = 0L; // no partition assigned here (yet): nothing is known to be waiting
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("connector", name);
    body.put("records_in_per_sec", inRate);
    body.put("records_out_per_sec", outRate);
    body.put("records_in_total", inTotal);
    body.put("records_out_total", outTotal);
    body.put("lag", lag);
    body.put("last_error", metrics.lastError(name).map(ObservabilityRoutes::view).orElse(null));
    body.put("tasks", tasks);
    ConnectorRoutes.json(ctx, 200, body);
  }

  private static Map<String, Object> view(ConnectMetrics.LastError error) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("message", error.message());
    view.put("time", error.time().toString());
    if (error.task() != null) {
      view.put("task", error.task());
    }
    return view;
  }

  /** A captured line as the log endpoints show it, in the JSON and in each SSE event. */
  static Map<String, Object> view(LogLine line) {
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
    return view;
  }

  private static String json(LogLine line) {
    try {
      return Json.mapper().writeValueAsString(view(line));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write a log line as JSON", e);
    }
  }

  private static Integer task(Context ctx) {
    String text = ctx.pathParam("task");
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new HttpError(404, "Unknown task: " + ctx.pathParam("name") + "-" + text);
    }
  }

  private int tail(Context ctx) {
    String text = ctx.queryParam("tail");
    if (text == null || text.isBlank()) {
      return Math.min(DEFAULT_TAIL, logs.maxLines());
    }
    try {
      int tail = Integer.parseInt(text.trim());
      if (tail < 0) {
        throw new NumberFormatException(text);
      }
      return Math.min(tail, logs.maxLines());
    } catch (NumberFormatException e) {
      throw HttpError.badRequest(
          "tail must be a whole number of lines, 0 or more, not '" + text + "'");
    }
  }

  private static Level level(Context ctx) {
    String text = ctx.queryParam("level");
    if (text == null || text.isBlank()) {
      return Level.TRACE;
    }
    String upper = text.trim().toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(upper)) {
      throw HttpError.badRequest(
          "level must be one of TRACE, DEBUG, INFO, WARN, ERROR, not '" + text + "'");
    }
    return Level.toLevel(upper);
  }

  private static Long since(Context ctx) {
    String text = ctx.queryParam("since");
    if (text == null || text.isBlank()) {
      return null;
    }
    String trimmed = text.trim();
    try {
      if (trimmed.chars().allMatch(Character::isDigit)) {
        return Long.parseLong(trimmed);
      }
      return OffsetDateTime.parse(trimmed).toInstant().toEpochMilli();
    } catch (NumberFormatException | DateTimeParseException e) {
      throw HttpError.badRequest(
          "since must be epoch milliseconds or an ISO-8601 time such as 2026-11-24T10:15:30Z, not '"
              + text
              + "'");
    }
  }

  private static boolean bool(Context ctx, String parameter) {
    String value = ctx.queryParam(parameter);
    return value != null && Boolean.parseBoolean(value.trim());
  }

  @Override
  public void close() {
    followers.close();
  }
}
