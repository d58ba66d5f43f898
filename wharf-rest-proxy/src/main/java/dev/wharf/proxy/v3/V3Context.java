package dev.wharf.proxy.v3;

import dev.wharf.core.http.HttpError;
import dev.wharf.core.http.Responses;
import dev.wharf.proxy.http.MediaTypes;
import dev.wharf.proxy.metadata.ClusterAdmin;
import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What every v3 handler needs: the cluster id check on {@code {cluster_id}} (an unknown id is 404),
 * the envelope for the request's base URL, and JSON answers. The cluster id is asked of Kafka once
 * and then remembered, since it never changes for a cluster.
 */
final class V3Context {
  private final ClusterAdmin cluster;
  private final Function<Context, String> baseUrl;
  private volatile String clusterId;

  V3Context(ClusterAdmin cluster, Function<Context, String> baseUrl) {
    this.cluster = cluster;
    this.baseUrl = baseUrl;
  }

  ClusterAdmin cluster() {
    return cluster;
  }

  CompletableFuture<String> clusterId() {
    String known = clusterId;
    if (known != null) {
      return CompletableFuture.completedFuture(known);
    }
    return cluster
        .cluster()
        .thenApply(
            info -> {
              clusterId = info.id();
              return info.id();
            });
  }

  /** The links for this request, once its {@code {cluster_id}} is known to be this cluster's. */
  CompletableFuture<V3Links> links(Context ctx) {
    String asked = ctx.pathParam("cluster_id");
    String base = baseUrl.apply(ctx) + "/v3/clusters/";
    return clusterId()
        .thenApply(
            id -> {
              if (!id.equals(asked)) {
                throw new HttpError(404, "Cluster '" + asked + "' not found.");
              }
              return new V3Links(base + id, id);
            });
  }

  String base(Context ctx) {
    return baseUrl.apply(ctx) + "/v3/clusters/";
  }

  /** Answers with {@code status} and the body {@code answer} computes from the links. */
  <T> void respond(Context ctx, int status, Function<V3Links, CompletableFuture<T>> answer) {
    String type = MediaTypes.v3Response(ctx);
    ctx.future(
        () ->
            links(ctx)
                .thenCompose(answer)
                .thenAccept(
                    body -> {
                      if (body == null) {
                        Responses.empty(ctx, status);
                      } else {
                        Responses.json(ctx, status, type, body);
                      }
                    }));
  }
}
