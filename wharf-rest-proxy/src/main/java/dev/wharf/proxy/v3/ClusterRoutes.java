package dev.wharf.proxy.v3;

import dev.wharf.core.http.HttpError;
import dev.wharf.core.http.Responses;
import dev.wharf.proxy.http.MediaTypes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Node;

/** The v3 cluster and broker resources: {@code /v3/clusters[/{id}]} and {@code .../brokers}. */
final class ClusterRoutes {
  private final V3Context v3;

  ClusterRoutes(V3Context v3) {
    this.v3 = v3;
  }

  void register(RoutesConfig routes) {
    routes.get("/v3/clusters", this::clusters);
    routes.get("/v3/clusters/{cluster_id}", this::cluster);
    routes.get("/v3/clusters/{cluster_id}/brokers", this::brokers);
    routes.get("/v3/clusters/{cluster_id}/brokers/{broker_id}", this::broker);
  }

  private void clusters(Context ctx) {
    String type = MediaTypes.v3Response(ctx);
    String base = v3.base(ctx);
    ctx.future(
        () ->
            v3.cluster()
                .cluster()
                .thenAccept(
                    info -> {
                      V3Links links = new V3Links(base + info.id(), info.id());
                      V3Links root = new V3Links(base.substring(0, base.length() - 1), info.id());
                      Responses.json(
                          ctx,
                          200,
                          type,
                          root.list(
                              "KafkaClusterList",
                              "",
                              List.of(clusterBody(links, info.controller()))));
                    }));
  }

  private void cluster(Context ctx) {
    v3.respond(
        ctx,
        200,
        links -> v3.cluster().cluster().thenApply(info -> clusterBody(links, info.controller())));
  }

  private static Map<String, Object> clusterBody(V3Links links, Node controller) {
    Map<String, Object> body = links.resource("KafkaCluster", "", "");
    body.put(
        "controller",
        controller == null || controller.isEmpty()
            ? null
            : links.related("brokers/" + controller.id()));
    body.put("acls", links.related("acls"));
    body.put("brokers", links.related("brokers"));
    body.put("broker_configs", links.related("broker-configs"));
    body.put("consumer_groups", links.related("consumer-groups"));
    body.put("topics", links.related("topics"));
    body.put("partition_reassignments", links.related("topics/-/partitions/-/reassignment"));
    return body;
  }

  private void brokers(Context ctx) {
    v3.respond(
        ctx,
        200,
        links ->
            v3.cluster()
                .cluster()
                .thenApply(
                    info ->
                        links.list(
                            "KafkaBrokerList",
                            "brokers",
                            info.brokers().stream()
                                .map(node -> brokerBody(links, node))
                                .toList())));
  }

  private void broker(Context ctx) {
    String id = ctx.pathParam("broker_id");
    v3.respond(
        ctx,
        200,
        links ->
            v3.cluster()
                .cluster()
                .thenApply(
                    info ->
                        info.brokers().stream()
                            .filter(node -> String.valueOf(node.id()).equals(id))
                            .findFirst()
                            .map(node -> brokerBody(links, node))
                            .orElseThrow(
                                () -> new HttpError(404, "Broker '" + id + "' not found."))));
  }

  private static Map<String, Object> brokerBody(V3Links links, Node node) {
    Map<String, Object> body =
        links.resource("KafkaBroker", "brokers/" + node.id(), "broker=" + node.id());
    body.put("broker_id", node.id());
    body.put("host", node.host());
    body.put("port", node.port());
    body.put("rack", node.rack());
    body.put("configs", links.related("brokers/" + node.id() + "/configs"));
    body.put("partition_replicas", links.related("brokers/" + node.id() + "/partition-replicas"));
    return body;
  }
}
