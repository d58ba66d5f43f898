package dev.wharf.connect.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.connect.herder.Herder;
import dev.wharf.connect.storage.ConfigStore;
import dev.wharf.core.http.HttpError;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.function.Supplier;

/** {@code /admin/loggers}: read and change log levels of this worker or the whole cluster. */
final class AdminRoutes {
  private final LoggerLevels levels;
  private final Supplier<ConfigStore> configs;

  AdminRoutes(LoggerLevels levels, Supplier<ConfigStore> configs) {
    this.levels = levels;
    this.configs = configs;
  }

  void register(RoutesConfig routes) {
    routes.get("/admin/loggers", ctx -> ConnectorRoutes.json(ctx, 200, levels.all()));
    routes.get(
        "/admin/loggers/{logger}",
        ctx -> ConnectorRoutes.json(ctx, 200, levels.get(ctx.pathParam("logger"))));
    routes.put("/admin/loggers/{logger}", this::set);
  }

  private void set(Context ctx) {
    JsonNode body = Bodies.object(ctx);
    JsonNode level = body.get("level");
    if (level == null || !level.isTextual()) {
      throw HttpError.badRequest("The request body must contain a \"level\" string");
    }
    String namespace = ctx.pathParam("logger");
    if ("cluster".equalsIgnoreCase(String.valueOf(ctx.queryParam("scope")))) {
      if (!LoggerLevels.isValid(level.asText())) {
        throw new HttpError(404, "invalid log level '" + level.asText() + "'.");
      }
      Herder.await(configs.get().putLoggerLevel(namespace, level.asText()));
      ctx.status(204);
      return;
    }
    ConnectorRoutes.json(ctx, 200, levels.set(namespace, level.asText()));
  }
}
