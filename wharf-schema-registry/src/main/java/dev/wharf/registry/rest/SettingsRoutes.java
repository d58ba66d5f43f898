package dev.wharf.registry.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.registry.schema.CompatibilityLevel;
import dev.wharf.registry.service.RegistryError;
import dev.wharf.registry.service.Settings;
import dev.wharf.registry.store.Mode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code /config} and {@code /mode}, global and per subject. Note Confluent's asymmetry: GET and
 * DELETE answer {@code compatibilityLevel}, PUT takes and echoes {@code compatibility}.
 */
final class SettingsRoutes {
  private final Settings settings;
  private final LeaderForwarding forwarding;

  SettingsRoutes(Settings settings, LeaderForwarding forwarding) {
    this.settings = settings;
    this.forwarding = forwarding;
  }

  void register(RoutesConfig routes) {
    routes.get("/config", ctx -> level(ctx, settings.globalCompatibility()));
    routes.put("/config", forwarding.writes(ctx -> putLevel(ctx, null)));
    routes.delete(
        "/config", forwarding.writes(ctx -> level(ctx, settings.deleteCompatibility(null))));
    routes.get(
        "/config/{subject}",
        ctx ->
            level(
                ctx,
                settings.subjectCompatibility(
                    ctx.pathParam("subject"), RegistryHttp.flag(ctx, "defaultToGlobal"))));
    routes.put(
        "/config/{subject}", forwarding.writes(ctx -> putLevel(ctx, ctx.pathParam("subject"))));
    routes.delete(
        "/config/{subject}",
        forwarding.writes(
            ctx -> level(ctx, settings.deleteCompatibility(ctx.pathParam("subject")))));

    routes.get("/mode", ctx -> mode(ctx, settings.globalMode()));
    routes.put("/mode", forwarding.writes(ctx -> putMode(ctx, null)));
    routes.get(
        "/mode/{subject}",
        ctx ->
            mode(
                ctx,
                settings.subjectMode(
                    ctx.pathParam("subject"), RegistryHttp.flag(ctx, "defaultToGlobal"))));
    routes.put("/mode/{subject}", forwarding.writes(ctx -> putMode(ctx, ctx.pathParam("subject"))));
    routes.delete(
        "/mode/{subject}",
        forwarding.writes(ctx -> mode(ctx, settings.deleteMode(ctx.pathParam("subject")))));
  }

  private static void level(Context ctx, CompatibilityLevel level) {
    RegistryHttp.ok(ctx, Map.of("compatibilityLevel", level.name()));
  }

  private static void mode(Context ctx, Mode mode) {
    RegistryHttp.ok(ctx, Map.of("mode", mode.name()));
  }

  private void putLevel(Context ctx, String subject) {
    JsonNode body = RegistryHttp.body(ctx);
    CompatibilityLevel level =
        CompatibilityLevel.fromName(RegistryHttp.text(body, "compatibility"));
    if (level == null) {
      throw RegistryError.INVALID_COMPATIBILITY_LEVEL.exception(
          "Invalid compatibility level. Valid values are none, backward, forward, full,"
              + " backward_transitive, forward_transitive, and full_transitive");
    }
    settings.setCompatibility(subject, level);
    RegistryHttp.ok(ctx, Map.of("compatibility", level.name()));
  }

  private void putMode(Context ctx, String subject) {
    JsonNode body = RegistryHttp.body(ctx);
    Mode mode = Mode.fromName(RegistryHttp.text(body, "mode"));
    if (mode == null) {
      throw RegistryError.INVALID_MODE.exception(
          "Invalid mode. Valid values are READWRITE, READONLY, READONLY_OVERRIDE and IMPORT");
    }
    settings.setMode(subject, mode, RegistryHttp.flag(ctx, "force"));
    RegistryHttp.ok(ctx, Map.of("mode", mode.name()));
  }
}
