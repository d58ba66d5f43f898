package dev.wharf.registry.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.core.http.Json;
import dev.wharf.registry.service.Registry;
import dev.wharf.registry.service.RegistryError;
import dev.wharf.registry.service.Subjects;
import dev.wharf.registry.service.VersionId;
import dev.wharf.registry.store.RegistryState;
import dev.wharf.registry.store.SchemaVersion;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/** {@code /subjects}: listing, registration, lookup, versions and deletes. */
final class SubjectRoutes {
  private final Registry registry;
  private final RegistryState state;
  private final LeaderForwarding forwarding;

  SubjectRoutes(Registry registry, LeaderForwarding forwarding) {
    this.registry = registry;
    this.state = registry.state();
    this.forwarding = forwarding;
  }

  void register(RoutesConfig routes) {
    routes.get("/subjects", this::list);
    routes.post("/subjects/{subject}", this::lookup);
    routes.delete("/subjects/{subject}", forwarding.writes(this::deleteSubject));
    routes.get("/subjects/{subject}/versions", this::versions);
    routes.post("/subjects/{subject}/versions", forwarding.writes(this::registerSchema));
    routes.get("/subjects/{subject}/versions/{version}", this::version);
    routes.get(
        "/subjects/{subject}/versions/{version}/schema",
        ctx -> RegistryHttp.raw(ctx, find(ctx).schema()));
    routes.get("/subjects/{subject}/versions/{version}/referencedby", this::referencedBy);
    routes.delete("/subjects/{subject}/versions/{version}", forwarding.writes(this::deleteVersion));
  }

  private void list(Context ctx) {
    String prefix = ctx.queryParam("subjectPrefix");
    boolean deleted = RegistryHttp.flag(ctx, "deleted");
    boolean deletedOnly = RegistryHttp.flag(ctx, "deletedOnly");
    List<String> result = new ArrayList<>();
    for (String subject : state.subjects()) {
      if (prefix != null && !subject.startsWith(prefix)) {
        continue;
      }
      boolean live = state.versions(subject).values().stream().anyMatch(v -> !v.deleted());
      if (deletedOnly ? !live : (live || deleted)) {
        result.add(subject);
      }
    }
    RegistryHttp.ok(ctx, result);
  }

  private void versions(Context ctx) {
    String subject = ctx.pathParam("subject");
    boolean deleted = RegistryHttp.flag(ctx, "deleted");
    boolean deletedOnly = RegistryHttp.flag(ctx, "deletedOnly");
    List<Integer> result = new ArrayList<>();
    for (SchemaVersion version : state.versions(subject).values()) {
      if (deletedOnly ? version.deleted() : (deleted || !version.deleted())) {
        result.add(version.version());
      }
    }
    if (result.isEmpty()) {
      throw RegistryError.SUBJECT_NOT_FOUND.exception("Subject '" + subject + "' not found.");
    }
    RegistryHttp.ok(ctx, result);
  }

  private void registerSchema(Context ctx) {
    int id = registry.register(ctx.pathParam("subject"), RegistryHttp.schemaRequest(ctx));
    ObjectNode body = Json.mapper().createObjectNode();
    body.put("id", id);
    RegistryHttp.ok(ctx, body);
  }

  private void lookup(Context ctx) {
    SchemaVersion found =
        registry.lookup(
            ctx.pathParam("subject"),
            RegistryHttp.schemaRequest(ctx),
            RegistryHttp.flag(ctx, "deleted"));
    RegistryHttp.ok(ctx, RegistryHttp.versionBody(found));
  }

  private void version(Context ctx) {
    RegistryHttp.ok(ctx, RegistryHttp.versionBody(find(ctx)));
  }

  private SchemaVersion find(Context ctx) {
    VersionId version = VersionId.parse(ctx.pathParam("version"));
    return Subjects.find(
        state, ctx.pathParam("subject"), version, RegistryHttp.flag(ctx, "deleted"));
  }

  private void referencedBy(Context ctx) {
    SchemaVersion target = find(ctx);
    RegistryHttp.ok(ctx, registry.referencedBy(target.subject(), target.version()));
  }

  private void deleteVersion(Context ctx) {
    VersionId version = VersionId.parse(ctx.pathParam("version"));
    RegistryHttp.ok(
        ctx,
        registry.deleteVersion(
            ctx.pathParam("subject"), version, RegistryHttp.flag(ctx, "permanent")));
  }

  private void deleteSubject(Context ctx) {
    RegistryHttp.ok(
        ctx, registry.deleteSubject(ctx.pathParam("subject"), RegistryHttp.flag(ctx, "permanent")));
  }
}
