package dev.wharf.connect.rest;

import dev.wharf.connect.cluster.PeerClient;
import dev.wharf.connect.cluster.PeerReads;
import dev.wharf.connect.herder.Cluster;
import dev.wharf.connect.herder.ConnectorOffsets;
import dev.wharf.connect.herder.Herder;
import dev.wharf.connect.herder.ZombieFencer;
import dev.wharf.connect.logs.ConnectorLogs;
import dev.wharf.connect.metrics.ConnectMetrics;
import dev.wharf.connect.plugins.Plugins;
import dev.wharf.connect.storage.ConfigStore;
import dev.wharf.core.http.HttpError;
import dev.wharf.core.http.HttpServer;
import dev.wharf.core.metrics.ServiceMetrics;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * The Connect REST API on port 8083, with Apache Kafka Connect's paths, bodies and statuses. It
 * binds before the worker has read its state, so its port is known early; until {@link #ready} is
 * called, requests get 503 as Apache's {@code /health} describes.
 */
public final class ConnectRestServer implements AutoCloseable {
  private final HttpServer server;
  private final String clusterId;
  private final LoggerLevels levels = new LoggerLevels();
  private final ClusterRoutes cluster = new ClusterRoutes(this::herder);
  private final ObservabilityRoutes observability;
  private volatile Herder herder;
  private volatile ConnectorOffsets offsets;
  private volatile ConfigStore configs;

  /**
   * A server that also answers {@code GET /metrics} from {@code metrics}, and the log and metrics
   * endpoints of each connector from {@code logs} and {@code connectMetrics}.
   */
  public ConnectRestServer(
      String host,
      int port,
      String clusterId,
      Plugins plugins,
      boolean topicTracking,
      boolean topicTrackingReset,
      ServiceMetrics metrics,
      ConnectorLogs logs,
      ConnectMetrics connectMetrics) {
    this.clusterId = clusterId;
    this.observability = new ObservabilityRoutes(this::herder, logs, connectMetrics);
    ConnectorRoutes connectors =
        new ConnectorRoutes(this::herder, this::offsets, topicTracking, topicTrackingReset);
    PluginRoutes pluginRoutes = new PluginRoutes(plugins, this::herder);
    AdminRoutes admin = new AdminRoutes(levels, this::configs);
    this.server =
        HttpServer.builder("Connect REST API")
            .host(host)
            .port(port)
            .errorTranslator(ConnectErrors::translate)
            .metrics(metrics)
            .routes(
                routes -> {
                  routes.get("/", ctx -> ConnectorRoutes.json(ctx, 200, root()));
                  routes.get("/health", this::health);
                  connectors.register(routes);
                  pluginRoutes.register(routes);
                  admin.register(routes);
                  cluster.register(routes);
                  observability.register(routes);
                })
            .build();
  }

  /** Binds the port and serves; answers 503 to everything but {@code /} until ready. */
  public ConnectRestServer start() {
    server.start();
    return this;
  }

  public int port() {
    return server.port();
  }

  public URI url() {
    return URI.create("http://" + server.host() + ":" + server.port());
  }

  /** Forwards requests this worker must not serve itself to the worker that must. */
  public void forwardVia(PeerClient peers, ZombieFencer fencer) {
    cluster.forwardVia(peers, fencer);
  }

  /**
   * Log and metrics answers cover the work of every worker of {@code members}, read from the worker
   * that runs it.
   */
  public void observeAcross(Cluster members) {
    observability.acrossCluster(members, new PeerReads());
  }

  /** The worker has read its state: requests reach the herder from now on. */
  public void ready(Herder herder, ConnectorOffsets offsets, ConfigStore configs) {
    configs.addListener(levels);
    this.offsets = offsets;
    this.configs = configs;
    this.herder = herder;
  }

  private Map<String, Object> root() {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("version", AppInfoParser.getVersion());
    info.put("commit", AppInfoParser.getCommitId());
    info.put("kafka_cluster_id", clusterId);
    return info;
  }

  private void health(io.javalin.http.Context ctx) {
    Map<String, String> body = new LinkedHashMap<>();
    if (herder == null) {
      body.put("status", "starting");
      body.put("message", "Worker is still starting up.");
      ConnectorRoutes.json(ctx, 503, body);
    } else {
      body.put("status", "healthy");
      body.put("message", "Worker has completed startup and is ready to handle requests.");
      ConnectorRoutes.json(ctx, 200, body);
    }
  }

  private Herder herder() {
    return require(herder);
  }

  private ConnectorOffsets offsets() {
    return require(offsets);
  }

  private ConfigStore configs() {
    return require(configs);
  }

  private static <T> T require(T value) {
    if (value == null) {
      throw new HttpError(503, "Worker is still starting up.");
    }
    return value;
  }

  @Override
  public void close() {
    // Followers' streams end while the server can still finish their responses.
    observability.close();
    server.close();
  }
}
