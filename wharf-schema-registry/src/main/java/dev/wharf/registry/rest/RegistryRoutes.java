package dev.wharf.registry.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.core.http.HttpError;
import dev.wharf.core.http.Json;
import dev.wharf.registry.election.LeaderElection;
import dev.wharf.registry.service.Registry;
import dev.wharf.registry.service.RegistryException;
import dev.wharf.registry.service.Settings;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every route of the port 8081 API, plus the edge rules they share: the Accept check before any
 * handler runs, and the one mapping of {@link RegistryException} to Confluent's error body.
 */
public final class RegistryRoutes {
  /**
   * The Confluent version whose API this registry follows, as {@code /v1/metadata/version} says.
   */
  static final String API_VERSION = "7.4.0";

  private final Registry registry;
  private final Settings settings;
  private final LeaderForwarding forwarding;
  private final Supplier<String> kafkaClusterId;
  private final String groupId;

  /**
   * @param election this instance's group membership; writes run here only when it leads
   * @param connectTimeout how long a forwarded write may take to connect to the leader
   * @param readTimeout how long the leader may take to answer a forwarded write
   */
  public RegistryRoutes(
      Registry registry,
      Settings settings,
      LeaderElection election,
      Duration connectTimeout,
      Duration readTimeout,
      Supplier<String> kafkaClusterId,
      String groupId) {
    this.registry = registry;
    this.settings = settings;
    this.forwarding = new LeaderForwarding(election, connectTimeout, readTimeout);
    this.kafkaClusterId = kafkaClusterId;
    this.groupId = groupId;
  }

  public void register(RoutesConfig routes) {
    routes.before(RegistryHttp::responseType);
    routes.get("/", ctx -> RegistryHttp.ok(ctx, Map.of()));
    routes.post("/", ctx -> RegistryHttp.ok(ctx, Map.of()));
    routes.get("/v1/metadata/id", this::metadataId);
    routes.get(
        "/v1/metadata/version",
        ctx -> RegistryHttp.ok(ctx, Map.of("version", API_VERSION, "commitId", "wharf")));
    new SchemaRoutes(registry.state()).register(routes);
    new SubjectRoutes(registry, forwarding).register(routes);
    new CompatibilityRoutes(registry).register(routes);
    new SettingsRoutes(settings, forwarding).register(routes);
  }

  private void metadataId(Context ctx) {
    ObjectNode body = Json.mapper().createObjectNode();
    ObjectNode scope = body.putObject("scope");
    scope.putArray("path");
    ObjectNode clusters = scope.putObject("clusters");
    clusters.put("kafka-cluster", kafkaClusterId.get());
    clusters.put("schema-registry-cluster", groupId);
    RegistryHttp.ok(ctx, body);
  }

  /** The content type of an error answer to this request. */
  public static String errorContentType(Context ctx) {
    return RegistryHttp.errorType(ctx);
  }

  /** Maps the registry's domain errors to HTTP errors; null for anything else. */
  public static HttpError translate(Throwable error) {
    if (error instanceof RegistryException registryError) {
      return new HttpError(
          registryError.error().status(), registryError.error().code(), registryError.getMessage());
    }
    return null;
  }
}
