package dev.wharf.registry.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.core.http.Json;
import dev.wharf.registry.service.Registry;
import dev.wharf.registry.service.SchemaRequest;
import dev.wharf.registry.service.VersionId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code /compatibility}: whether a schema could be registered, against one version or against
 * every version the subject's level names; {@code verbose=true} adds the problems found.
 */
final class CompatibilityRoutes {
  private final Registry registry;

  CompatibilityRoutes(Registry registry) {
    this.registry = registry;
  }

  void register(RoutesConfig routes) {
    routes.post(
        "/compatibility/subjects/{subject}/versions/{version}",
        ctx -> {
          VersionId version = VersionId.parse(ctx.pathParam("version"));
          answer(ctx, version);
        });
    routes.post("/compatibility/subjects/{subject}/versions", ctx -> answer(ctx, null));
  }

  private void answer(Context ctx, VersionId version) {
    SchemaRequest request = RegistryHttp.schemaRequest(ctx);
    List<String> problems = registry.testCompatibility(ctx.pathParam("subject"), version, request);
    ObjectNode body = Json.mapper().createObjectNode();
    body.put("is_compatible", problems.isEmpty());
    if (RegistryHttp.flag(ctx, "verbose") && !problems.isEmpty()) {
      ArrayNode messages = body.putArray("messages");
      problems.forEach(messages::add);
    }
    RegistryHttp.ok(ctx, body);
  }
}
