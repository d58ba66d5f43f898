package dev.wharf.registry.rest;

import dev.wharf.core.http.RequestBodies;
import dev.wharf.registry.election.LeaderElection;
import dev.wharf.registry.service.RegistryError;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends writes to the leader: on the leader a write route runs its own handler; on any other
 * instance the request (method, path, query, body, Content-Type, Accept) is forwarded to the leader
 * and its answer returned as it is. Without a known leader a write answers 50004; when the leader
 * cannot be reached, 50003.
 */
final class LeaderForwarding {
  private final LeaderElection election;
  private final Duration readTimeout;
  private final HttpClient http;

  LeaderForwarding(LeaderElection election, Duration connectTimeout, Duration readTimeout) {
    this.election = election;
    this.readTimeout = readTimeout;
    this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
  }

  /** {@code local} when this instance leads, else a forward to the leader. */
  Handler writes(Handler local) {
    return ctx -> {
      URI leader = election.leader();
      if (leader == null) {
        throw RegistryError.UNKNOWN_LEADER.exception("Leader not known: " + election.problem());
      }
      if (election.isLeader()) {
        local.handle(ctx);
      } else {
        forward(ctx, leader);
      }
    };
  }

  private void forward(Context ctx, URI leader) {
    String query = ctx.req().getQueryString();
    URI target = leader.resolve(ctx.req().getRequestURI() + (query == null ? "" : "?" + query));
    byte[] body = RequestBodies.bytes(ctx);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
            .timeout(readTimeout)
            .method(ctx.method().name(), HttpRequest.BodyPublishers.ofByteArray(body));
    String contentType = ctx.header("Content-Type");
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    String accept = ctx.header("Accept");
    if (accept != null) {
      request.header("Accept", accept);
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw RegistryError.FORWARDING_FAILED.exception(
          "Error while forwarding "
              + ctx.method()
              + " "
              + ctx.path()
              + " to the leader "
              + leader
              + ": "
              + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryError.FORWARDING_FAILED.exception(
          "Interrupted forwarding " + ctx.method() + " " + ctx.path() + " to the leader");
    }
    ctx.status(response.statusCode())
        .contentType(response.headers().firstValue("Content-Type").orElse(RegistryHttp.V1))
        .result(response.body());
  }
}
