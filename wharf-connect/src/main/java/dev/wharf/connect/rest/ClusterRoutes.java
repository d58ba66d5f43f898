package dev.wharf.connect.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.connect.cluster.PeerClient;
import dev.wharf.connect.cluster.SessionKeys;
import dev.wharf.connect.herder.ForwardException;
import dev.wharf.connect.herder.Herder;
import dev.wharf.connect.herder.ZombieFencer;
import dev.wharf.core.http.HttpError;
import dev.wharf.core.http.RequestBodies;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a worker in a cluster adds to the API: the internal {@code POST /connectors/{name}/tasks} by
 * which a connector's owner hands its task configs to the leader, the internal {@code PUT
 * /connectors/{name}/fence} by which a worker asks the leader for a zombie-fencing round, and the
 * forwarding of requests another worker must serve (Apache's rules: the first receiver forwards
 * with {@code forward=true}, the second hop with {@code forward=false}, a receiver of {@code
 * forward=false} that still cannot serve answers 409).
 */
final class ClusterRoutes {
  private final Supplier<Herder> herder;
  private volatile PeerClient peers;
  private volatile ZombieFencer fencer;

  ClusterRoutes(Supplier<Herder> herder) {
    this.herder = herder;
  }

  void forwardVia(PeerClient client, ZombieFencer zombies) {
    this.peers = client;
    this.fencer = zombies;
  }

  void register(RoutesConfig routes) {
    routes.post("/connectors/{name}/tasks", this::putTaskConfigs);
    routes.put("/connectors/{name}/fence", this::fence);
    routes.exception(ForwardException.class, this::forward);
  }

  private void putTaskConfigs(Context ctx) {
    RequestBodies.requireMediaType(ctx, Bodies.JSON);
    JsonNode body = RequestBodies.jsonOrNull(ctx);
    if (body == null || !body.isArray()) {
      throw HttpError.badRequest("Request body must be a JSON array of task configs");
    }
    List<Map<String, String>> configs = new ArrayList<>();
    for (JsonNode task : body) {
      configs.add(Bodies.configMap(task, "a task config", false));
    }
    verifySignature(ctx);
    herder.get().putTaskConfigs(ctx.pathParam("name"), configs);
    ctx.status(204);
  }

  private void fence(Context ctx) {
    ZombieFencer zombies = fencer;
    if (zombies == null) {
      throw new HttpError(404, "Zombie fencing needs a worker in distributed mode");
    }
    verifySignature(ctx);
    herder.get().requireLeader();
    zombies.fenceRound(ctx.pathParam("name"));
    ctx.status(204);
  }

  /** Internal requests must carry a valid signature (KIP-507) in a cluster. */
  private void verifySignature(Context ctx) {
    PeerClient client = peers;
    if (client == null) {
      return;
    }
    client
        .sessionKeys()
        .ifPresent(
            keys ->
                keys.verify(
                    RequestBodies.bytes(ctx),
                    ctx.header(SessionKeys.SIGNATURE_HEADER),
                    ctx.header(SessionKeys.ALGORITHM_HEADER)));
  }

  private void forward(ForwardException target, Context ctx) {
    String forward = ctx.queryParam("forward");
    PeerClient client = peers;
    if ("false".equalsIgnoreCase(forward) || client == null) {
      conflict(ctx);
      return;
    }
    StringBuilder query = new StringBuilder("forward=").append(forward == null);
    ctx.queryParamMap()
        .forEach(
            (key, values) -> {
              if (!key.equals("forward")) {
                for (String value : values) {
                  query.append('&').append(encode(key)).append('=').append(encode(value));
                }
              }
            });
    HttpResponse<byte[]> response;
    try {
      response =
          client.send(
              target.targetUrl(),
              ctx.method().name(),
              ctx.path() + "?" + query,
              RequestBodies.bytes(ctx),
              ctx.contentType(),
              signatureHeaders(ctx));
    } catch (RuntimeException e) {
      // The target is gone (typically mid-rebalance): the client may retry, as after a 409.
      conflict(ctx);
      return;
    }
    ctx.status(response.statusCode());
    response.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
    response.headers().firstValue("Location").ifPresent(value -> ctx.header("Location", value));
    ctx.result(response.body());
  }

  /** A signed internal request keeps its signature when it is forwarded. */
  private static Map<String, String> signatureHeaders(Context ctx) {
    Map<String, String> headers = new java.util.HashMap<>();
    for (String name : List.of(SessionKeys.SIGNATURE_HEADER, SessionKeys.ALGORITHM_HEADER)) {
      String value = ctx.header(name);
      if (value != null) {
        headers.put(name, value);
      }
    }
    return headers;
  }

  private static void conflict(Context ctx) {
    HttpError error =
        new HttpError(
            409,
            "Cannot complete request because of a conflicting operation (e.g. worker rebalance)");
    ConnectorRoutes.json(ctx, 409, error.body());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
