package dev.wharf.registry.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.core.http.HttpError;
import dev.wharf.core.http.Json;
import dev.wharf.core.http.Responses;
import dev.wharf.registry.schema.SchemaParser;
import dev.wharf.registry.service.RegistryError;
import dev.wharf.registry.store.RegistryState;
import dev.wharf.registry.store.SchemaVersion;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /schemas}: schemas by global id, the supported types, and the list of all schemas. The
 * answer to {@code GET /schemas/ids/{id}}, the request clients make most, is written once per
 * schema and kept: what an id stands for never changes, only whether it is still there.
 */
final class SchemaRoutes {
  /** The written answer for one schema version, valid while the state still holds that version. */
  private record Answer(SchemaVersion version, byte[] body) {}

  private final RegistryState state;
  private final Map<Integer, Answer> answers = new ConcurrentHashMap<>();

  SchemaRoutes(RegistryState state) {
    this.state = state;
  }

  void register(RoutesConfig routes) {
    routes.get("/schemas/ids/{id}", this::byId);
    routes.get("/schemas/ids/{id}/schema", ctx -> RegistryHttp.raw(ctx, schema(ctx).schema()));
    routes.get("/schemas/ids/{id}/subjects", this::subjects);
    routes.get("/schemas/ids/{id}/versions", this::versions);
    routes.get("/schemas/types", ctx -> RegistryHttp.ok(ctx, SchemaParser.SUPPORTED));
    routes.get("/schemas", this::list);
  }

  private void byId(Context ctx) {
    int id = id(ctx);
    SchemaVersion schema = state.schemaById(id).orElse(null);
    if (schema == null) {
      // Deleted for good (or never there): its answer, if any, goes too.
      answers.remove(id);
      throw notFound(id);
    }
    if (RegistryHttp.flag(ctx, "fetchMaxId")) {
      ObjectNode body = answer(schema);
      body.put("maxId", state.maxId());
      RegistryHttp.ok(ctx, body);
      return;
    }
    Answer answer = answers.get(schema.id());
    if (answer == null || answer.version() != schema) {
      answer = new Answer(schema, Json.bytes(answer(schema)));
      answers.put(schema.id(), answer);
    }
    Responses.jsonBytes(ctx, 200, RegistryHttp.responseType(ctx), answer.body());
  }

  private static ObjectNode answer(SchemaVersion schema) {
    ObjectNode body = Json.mapper().createObjectNode();
    body.put("schema", schema.schema());
    RegistryHttp.addTypeAndReferences(body, schema);
    return body;
  }

  private void subjects(Context ctx) {
    Set<String> subjects = new LinkedHashSet<>();
    for (SchemaVersion version : holders(ctx)) {
      subjects.add(version.subject());
    }
    RegistryHttp.ok(ctx, subjects);
  }

  private void versions(Context ctx) {
    ArrayNode body = Json.mapper().createArrayNode();
    for (SchemaVersion version : holders(ctx)) {
      ObjectNode item = body.addObject();
      item.put("subject", version.subject());
      item.put("version", version.version());
    }
    RegistryHttp.ok(ctx, body);
  }

  /** The versions holding the id, filtered by the {@code subject} and {@code deleted} params. */
  private List<SchemaVersion> holders(Context ctx) {
    int id = id(ctx);
    List<SchemaVersion> all = state.versionsWithId(id);
    if (all.isEmpty()) {
      throw notFound(id);
    }
    boolean deleted = RegistryHttp.flag(ctx, "deleted");
    String subject = ctx.queryParam("subject");
    List<SchemaVersion> result = new ArrayList<>();
    for (SchemaVersion version : all) {
      if ((deleted || !version.deleted())
          && (subject == null || subject.isEmpty() || subject.equals(version.subject()))) {
        result.add(version);
      }
    }
    return result;
  }

  private SchemaVersion schema(Context ctx) {
    int id = id(ctx);
    return state.schemaById(id).orElseThrow(() -> notFound(id));
  }

  private static RuntimeException notFound(int id) {
    return RegistryError.SCHEMA_NOT_FOUND.exception("Schema " + id + " not found");
  }

  private static int id(Context ctx) {
    try {
      return Integer.parseInt(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new HttpError(404, "HTTP 404 Not Found");
    }
  }

  /**
   * {@code GET /schemas}: every schema version, optionally by subject prefix, latest only, paged.
   */
  private void list(Context ctx) {
    String prefix = ctx.queryParam("subjectPrefix");
    boolean deleted = RegistryHttp.flag(ctx, "deleted");
    boolean latestOnly = RegistryHttp.flag(ctx, "latestOnly");
    int offset = intParam(ctx, "offset", 0);
    int limit = intParam(ctx, "limit", -1);
    List<SchemaVersion> matching = new ArrayList<>();
    for (String subject : state.subjects()) {
      if (prefix != null && !subject.startsWith(prefix)) {
        continue;
      }
      List<SchemaVersion> versions = new ArrayList<>();
      for (SchemaVersion version : state.versions(subject).values()) {
        if (deleted || !version.deleted()) {
          versions.add(version);
        }
      }
      if (latestOnly && !versions.isEmpty()) {
        versions = List.of(versions.get(versions.size() - 1));
      }
      matching.addAll(versions);
    }
    ArrayNode body = Json.mapper().createArrayNode();
    for (int i = Math.max(0, offset);
        i < matching.size() && (limit < 0 || body.size() < limit);
        i++) {
      body.add(RegistryHttp.versionBody(matching.get(i)));
    }
    RegistryHttp.ok(ctx, body);
  }

  private static int intParam(Context ctx, String name, int fallback) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
