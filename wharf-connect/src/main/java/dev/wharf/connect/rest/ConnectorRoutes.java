package dev.wharf.connect.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.connect.herder.ConnectorOffsets;
import dev.wharf.connect.herder.ConnectorViews;
import dev.wharf.connect.herder.Herder;
import dev.wharf.connect.herder.NotFoundException;
import dev.wharf.connect.storage.TargetState;
import dev.wharf.connect.storage.TaskId;
import dev.wharf.core.http.HttpError;
import dev.wharf.core.http.Json;
import dev.wharf.core.http.Responses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** {@code /connectors/...}: Apache Kafka Connect's connector endpoints over the herder. */
final class ConnectorRoutes {
  private final Supplier<Herder> herder;
  private final Supplier<ConnectorOffsets> offsets;
  private final boolean topicTracking;
  private final boolean topicTrackingReset;

  ConnectorRoutes(
      Supplier<Herder> herder,
      Supplier<ConnectorOffsets> offsets,
      boolean topicTracking,
      boolean topicTrackingReset) {
    this.herder = herder;
    this.offsets = offsets;
    this.topicTracking = topicTracking;
    this.topicTrackingReset = topicTrackingReset;
  }

  void register(RoutesConfig routes) {
    routes.get("/connectors", this::list);
    routes.post("/connectors", this::create);
    routes.get("/connectors/{name}", ctx -> json(ctx, 200, herder.get().connectorInfo(name(ctx))));
    routes.delete(
        "/connectors/{name}",
        ctx -> {
          herder.get().deleteConnector(name(ctx));
          ctx.status(204);
        });
    routes.get(
        "/connectors/{name}/config",
        ctx -> json(ctx, 200, herder.get().connectorConfig(name(ctx))));
    routes.put("/connectors/{name}/config", this::putConfig);
    routes.patch("/connectors/{name}/config", this::patchConfig);
    routes.get(
        "/connectors/{name}/status",
        ctx -> json(ctx, 200, herder.get().connectorStatus(name(ctx))));
    routes.post("/connectors/{name}/restart", this::restart);
    routes.put(
        "/connectors/{name}/pause",
        ctx -> {
          herder.get().pause(name(ctx));
          ctx.status(202);
        });
    routes.put(
        "/connectors/{name}/resume",
        ctx -> {
          herder.get().resume(name(ctx));
          ctx.status(202);
        });
    routes.put(
        "/connectors/{name}/stop",
        ctx -> {
          herder.get().stop(name(ctx));
          ctx.status(204);
        });
    routes.get(
        "/connectors/{name}/tasks", ctx -> json(ctx, 200, herder.get().taskInfos(name(ctx))));
    routes.get(
        "/connectors/{name}/tasks/{task}/status",
        ctx -> json(ctx, 200, herder.get().taskStatus(task(ctx, "No status found for task "))));
    routes.post(
        "/connectors/{name}/tasks/{task}/restart",
        ctx -> {
          herder.get().restartTask(task(ctx, "Unknown task: "));
          ctx.status(204);
        });
    routes.get("/connectors/{name}/topics", this::topics);
    routes.put("/connectors/{name}/topics/reset", this::resetTopics);
    routes.get(
        "/connectors/{name}/offsets",
        ctx -> json(ctx, 200, Map.of("offsets", offsets.get().get(name(ctx)))));
    routes.patch("/connectors/{name}/offsets", this::alterOffsets);
    routes.delete(
        "/connectors/{name}/offsets",
        ctx -> {
          offsets.get().reset(name(ctx));
          json(
              ctx,
              200,
              Map.of("message", "The offsets for this connector have been reset successfully"));
        });
  }

  private void list(Context ctx) {
    List<String> expand = ctx.queryParams("expand");
    boolean status = expand.contains("status");
    boolean info = expand.contains("info");
    List<String> names = herder.get().connectors();
    if (!status && !info) {
      json(ctx, 200, names);
      return;
    }
    Map<String, Map<String, Object>> result = new LinkedHashMap<>();
    for (String name : names) {
      Map<String, Object> entry = new LinkedHashMap<>();
      try {
        if (status) {
          entry.put("status", herder.get().connectorStatus(name));
        }
        if (info) {
          entry.put("info", herder.get().connectorInfo(name));
        }
      } catch (NotFoundException e) {
        continue; // deleted while we listed
      }
      result.put(name, entry);
    }
    json(ctx, 200, result);
  }

  private void create(Context ctx) {
    JsonNode body = Bodies.object(ctx);
    JsonNode nameNode = body.get("name");
    JsonNode configNode = body.get("config");
    if (configNode == null || configNode.isNull()) {
      throw HttpError.badRequest("The request body must contain a \"config\" object");
    }
    Map<String, String> config = Bodies.configMap(configNode, "config", false);
    String name =
        nameNode != null && nameNode.isTextual() ? nameNode.asText().trim() : config.get("name");
    if (name == null || name.isBlank()) {
      throw HttpError.badRequest("The request body must contain the connector's \"name\"");
    }
    TargetState initial = initialState(body.get("initial_state"));
    ConnectorViews.ConnectorInfo info = herder.get().createConnector(name, config, initial);
    ctx.header("Location", location(ctx, name));
    json(ctx, 201, info);
  }

  private void putConfig(Context ctx) {
    Map<String, String> config =
        Bodies.configMap(Bodies.object(ctx), "the connector config", false);
    ConnectorViews.Upsert upsert = herder.get().putConnectorConfig(name(ctx), config);
    if (upsert.created()) {
      ctx.header("Location", location(ctx, name(ctx)));
    }
    json(ctx, upsert.created() ? 201 : 200, upsert.info());
  }

  private void patchConfig(Context ctx) {
    Map<String, String> patch = Bodies.configMap(Bodies.object(ctx), "the config patch", true);
    json(ctx, 200, herder.get().patchConnectorConfig(name(ctx), patch));
  }

  private void restart(Context ctx) {
    boolean includeTasks = bool(ctx, "includeTasks");
    boolean onlyFailed = bool(ctx, "onlyFailed");
    ConnectorViews.ConnectorStatus status =
        herder.get().restart(name(ctx), includeTasks, onlyFailed);
    if (status == null) {
      ctx.status(204);
    } else {
      json(ctx, 202, status);
    }
  }

  private void topics(Context ctx) {
    if (!topicTracking) {
      throw new HttpError(403, "Topic tracking is disabled.");
    }
    String name = name(ctx);
    json(ctx, 200, Map.of(name, Map.of("topics", herder.get().topics(name))));
  }

  private void resetTopics(Context ctx) {
    if (!topicTracking) {
      throw new HttpError(403, "Topic tracking is disabled.");
    }
    if (!topicTrackingReset) {
      throw new HttpError(403, "Topic tracking reset is disabled.");
    }
    herder.get().resetTopics(name(ctx));
    ctx.status(202);
  }

  private void alterOffsets(Context ctx) {
    JsonNode body = Bodies.object(ctx);
    JsonNode list = body.get("offsets");
    if (list == null || !list.isArray()) {
      throw HttpError.badRequest("The request body must contain an \"offsets\" array");
    }
    List<ConnectorOffsets.PartitionOffset> changes = new ArrayList<>();
    for (JsonNode item : list) {
      if (!item.isObject()) {
        throw HttpError.badRequest("Each entry of \"offsets\" must be an object");
      }
      changes.add(
          new ConnectorOffsets.PartitionOffset(
              map(item.get("partition")), map(item.get("offset"))));
    }
    offsets.get().alter(name(ctx), changes);
    json(
        ctx,
        200,
        Map.of("message", "The offsets for this connector have been altered successfully"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw HttpError.badRequest("Partitions and offsets must be JSON objects, not " + node);
    }
    return Json.mapper().convertValue(node, Map.class);
  }

  private static TargetState initialState(JsonNode node) {
    if (node == null || node.isNull()) {
      return TargetState.STARTED;
    }
    switch (node.asText()) {
      case "RUNNING":
        return TargetState.STARTED;
      case "PAUSED":
        return TargetState.PAUSED;
      case "STOPPED":
        return TargetState.STOPPED;
      default:
        throw HttpError.badRequest(
            "Invalid initial_state " + node + ": must be RUNNING, PAUSED or STOPPED");
    }
  }

  private static boolean bool(Context ctx, String parameter) {
    String value = ctx.queryParam(parameter);
    return value != null && Boolean.parseBoolean(value.trim());
  }

  private static String name(Context ctx) {
    return ctx.pathParam("name");
  }

  private static TaskId task(Context ctx, String notFoundPrefix) {
    String connector = name(ctx);
    String task = ctx.pathParam("task");
    try {
      return new TaskId(connector, Integer.parseInt(task));
    } catch (IllegalArgumentException e) {
      throw new HttpError(404, notFoundPrefix + connector + "-" + task);
    }
  }

  private static String location(Context ctx, String name) {
    String base = ctx.scheme() + "://" + ctx.host();
    return base
        + "/connectors/"
        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static void json(Context ctx, int status, Object body) {
    Responses.json(ctx, status, "application/json", body);
  }
}
