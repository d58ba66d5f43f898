package dev.wharf.connect;

import dev.wharf.connect.cluster.Membership;
import dev.wharf.connect.cluster.SessionKeys;
import dev.wharf.connect.herder.Cluster;
import dev.wharf.connect.herder.ConnectorOffsets;
import dev.wharf.connect.herder.ConnectorTypes;
import dev.wharf.connect.herder.Herder;
import dev.wharf.connect.herder.StatusReporter;
import dev.wharf.connect.herder.ZombieFencer;
import dev.wharf.connect.logs.ConnectorLogs;
import dev.wharf.connect.logs.SecretMasker;
import dev.wharf.connect.metrics.ConnectMetrics;
import dev.wharf.connect.plugins.ConfigProviders;
import dev.wharf.connect.plugins.PluginDiscoveryMode;
import dev.wharf.connect.plugins.Plugins;
import dev.wharf.connect.rest.ConnectRestServer;
import dev.wharf.connect.storage.ConfigListener;
import dev.wharf.connect.storage.ConfigStore;
import dev.wharf.connect.storage.ConnectStorage;
import dev.wharf.connect.storage.ConnectorOffsetStores;
import dev.wharf.connect.storage.KafkaOffsetStore;
import dev.wharf.connect.storage.OffsetStore;
import dev.wharf.connect.storage.StorageTopic;
import dev.wharf.connect.storage.TransactionalOffsetWriter;
import dev.wharf.connect.worker.ExactlyOnce;
import dev.wharf.connect.worker.Worker;
import dev.wharf.connect.worker.WorkerSettings;
import dev.wharf.core.config.Config;
import dev.wharf.core.config.ConfigException;
import dev.wharf.core.config.ConfigKey;
import dev.wharf.core.metrics.ServiceMetrics;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Utils;

/**
 * The composition root of a Connect worker: plugins, stores, worker, herder and REST API, built
 * from Apache-named worker properties, started in order and closed in reverse. Distributed mode
 * keeps its state in Kafka topics; standalone mode keeps configs in memory and offsets in {@code
 * offset.storage.file.filename}.
 */
public final class ConnectRuntime implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Plugins plugins;
  private final ConfigProviders providers;
  private final ConnectRestServer rest;
  private final Admin admin;
  private final ConnectStorage storage;
  private final ConnectorOffsetStores offsetStores;
  private final Worker worker;
  private final Herder herder;
  private final Membership membership;
  private final SessionKeys sessionKeys;
  private final ConnectorLogs logs;
  private final ServiceMetrics metrics;

  private ConnectRuntime(
      Plugins plugins,
      ConfigProviders providers,
      ConnectRestServer rest,
      Admin admin,
      ConnectStorage storage,
      ConnectorOffsetStores offsetStores,
      Worker worker,
      Herder herder,
      Membership membership,
      SessionKeys sessionKeys,
      ConnectorLogs logs,
      ServiceMetrics metrics) {
    this.membership = membership;
    this.sessionKeys = sessionKeys;
    this.logs = logs;
    this.metrics = metrics;
    this.plugins = plugins;
    this.providers = providers;
    this.rest = rest;
    this.admin = admin;
    this.storage = storage;
    this.offsetStores = offsetStores;
    this.worker = worker;
    this.herder = herder;
  }

  /** Starts a worker whose state lives in the config, offset and status topics. */
  public static ConnectRuntime distributed(Config config) {
    return start(config, false);
  }

  /** Starts a standalone worker: configs in memory, offsets in a file. */
  public static ConnectRuntime standalone(Config config) {
    if (config.get(ConnectConfig.OFFSET_FILE).isBlank()) {
      throw new ConfigException(
          "standalone mode needs offset.storage.file.filename, the file that keeps source offsets");
    }
    return start(config, true);
  }

  private static ConnectRuntime start(Config config, boolean standalone) {
    Map<String, String> properties = effectiveProperties(config);
    String allowedPaths = config.get(ConnectConfig.FILE_ALLOWED_PATHS);
    if (!allowedPaths.isBlank()) {
      // Read by the file connectors, which see only their own config, at validation and run time.
      System.setProperty("wharf.file.allowed.paths", allowedPaths);
    }
    Listener listener = Listener.parse(config.get(ConnectConfig.LISTENERS));
    Plugins plugins =
        Plugins.load(
            Plugins.parsePluginPath(config.get(ConnectConfig.PLUGIN_PATH)),
            PluginDiscoveryMode.fromConfig(config.get(ConnectConfig.PLUGIN_DISCOVERY)));
    ServiceMetrics metrics = new ServiceMetrics();
    SecretMasker masker = new SecretMasker();
    ConnectorLogs logs =
        ConnectorLogs.start(
            config.get(ConnectConfig.CONNECTOR_LOGS_ENABLED),
            config.get(ConnectConfig.CONNECTOR_LOGS_LINES),
            config.get(ConnectConfig.CONNECTOR_LOGS_BYTES),
            masker);
    ConnectMetrics connectMetrics =
        new ConnectMetrics(
            metrics.registry(), config.get(ConnectConfig.METRICS_ENABLED), masker::mask);
    metrics.beforeScrape(connectMetrics::refresh);
    ConfigProviders providers = null;
    ConnectRestServer rest = null;
    Admin admin = null;
    ConnectStorage storage = null;
    ConnectorOffsetStores offsetStores = null;
    Worker worker = null;
    Membership membership = null;
    SessionKeys sessionKeys = null;
    try {
      providers = ConfigProviders.fromWorkerConfig(properties, plugins);
      providers.onResolvedValue(masker::add);
      Map<String, Object> client = clientConfig(properties);
      admin = Admin.create(client);
      String clusterId = admin.describeCluster().clusterId().get(60, TimeUnit.SECONDS);
      rest =
          new ConnectRestServer(
                  listener.host(),
                  listener.port(),
                  clusterId,
                  plugins,
                  Boolean.parseBoolean(properties.getOrDefault("topic.tracking.enable", "true")),
                  Boolean.parseBoolean(
                      properties.getOrDefault("topic.tracking.allow.reset", "true")),
                  metrics,
                  logs,
                  connectMetrics)
              .start();
      String workerId = workerId(config, listener, rest.port());
      storage =
          standalone
              ? ConnectStorage.standalone(Path.of(config.get(ConnectConfig.OFFSET_FILE)))
              : kafkaStorage(config, client);
      storage.start();
      offsetStores =
          standalone
              ? ConnectorOffsetStores.single(storage.offsets())
              : connectorOffsetStores(config, client, storage.offsets());
      if (!standalone) {
        membership =
            new Membership(
                workerId,
                "http://" + workerId,
                client,
                config.get(ConnectConfig.GROUP_ID),
                config.get(ConnectConfig.CONFIG_TOPIC),
                storage.configs(),
                new Membership.Timing(
                    config.get(ConnectConfig.SESSION_TIMEOUT_MS),
                    config.get(ConnectConfig.HEARTBEAT_INTERVAL_MS),
                    config.get(ConnectConfig.REBALANCE_TIMEOUT_MS),
                    config.get(ConnectConfig.REBALANCE_DELAY_MS)));
        membership.addRebalanceListener(connectMetrics.rebalances());
        sessionKeys =
            new SessionKeys(sessionKeySettings(config), storage.configs(), membership::isLeader);
        membership.peers().signWith(sessionKeys);
        sessionKeys.start();
      }
      Cluster cluster = membership == null ? Cluster.single() : membership;
      storage.configs().addListener(forgetDeleted(logs, connectMetrics));
      worker =
          new Worker(
              properties,
              plugins,
              offsetStores,
              connectMetrics.tracking(
                  new StatusReporter(storage.statuses(), workerId, cluster::generation)),
              new WorkerSettings(
                  config.get(ConnectConfig.OFFSET_FLUSH_INTERVAL_MS),
                  config.get(ConnectConfig.OFFSET_FLUSH_TIMEOUT_MS),
                  config.get(ConnectConfig.TOPIC_CREATION_ENABLE)),
              logs,
              connectMetrics);
      ZombieFencer fencer = zombieFencer(config, admin, storage.configs(), plugins);
      boolean exactlyOnce = ExactlyOnce.enabled(properties);
      Herder herder =
          new Herder(
              workerId,
              storage.configs(),
              storage.statuses(),
              worker,
              plugins,
              providers,
              cluster,
              exactlyOnce ? fencer : null);
      herder.start();
      if (membership != null) {
        rest.forwardVia(membership.peers(), fencer);
        rest.observeAcross(membership);
        membership.start(herder::applyAssignment);
        if (!membership.awaitFirstAssignment(START_TIMEOUT)) {
          throw new IllegalStateException(
              "Connect worker did not join group " + config.get(ConnectConfig.GROUP_ID));
        }
      }
      rest.ready(
          herder,
          new ConnectorOffsets(
              storage.configs(),
              offsetStores,
              admin,
              herder,
              exactlyOnce && !standalone
                  ? new ConnectorOffsets.ExactlyOnce(
                      fencer,
                      new TransactionalOffsetWriter(client, config.get(ConnectConfig.GROUP_ID)))
                  : null),
          storage.configs());
      return new ConnectRuntime(
          plugins,
          providers,
          rest,
          admin,
          storage,
          offsetStores,
          worker,
          herder,
          membership,
          sessionKeys,
          logs,
          metrics);
    } catch (Exception e) {
      Utils.closeQuietly(membership, "cluster membership");
      Utils.closeQuietly(sessionKeys, "session keys");
      logs.close();
      metrics.close();
      Utils.closeQuietly(worker, "worker");
      Utils.closeQuietly(offsetStores, "connector offsets topics");
      Utils.closeQuietly(storage, "storage");
      Utils.closeQuietly(rest, "REST server");
      Utils.closeQuietly(admin, "admin client");
      Utils.closeQuietly(providers, "config providers");
      Utils.closeQuietly(plugins, "plugins");
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("Connect worker failed to start: " + e.getMessage(), e);
    }
  }

  /**
   * The leader's zombie-fencing rounds (KIP-618), for the source connectors of the config store.
   */
  private static ZombieFencer zombieFencer(
      Config config, Admin admin, ConfigStore configs, Plugins plugins) {
    ConnectorTypes types = new ConnectorTypes(plugins);
    return new ZombieFencer(
        admin,
        config.get(ConnectConfig.GROUP_ID),
        configs,
        name -> configs.snapshot().connectorConfig(name).map(types::isSource).orElse(false));
  }

  /** A deleted connector's kept log lines, states and last error go with it. */
  private static ConfigListener forgetDeleted(ConnectorLogs logs, ConnectMetrics metrics) {
    return new ConfigListener() {
      @Override
      public void onConnectorConfigRemove(String connector) {
        logs.remove(connector);
        metrics.forget(connector);
      }
    };
  }

  private static ConnectStorage kafkaStorage(Config config, Map<String, Object> client) {
    return ConnectStorage.kafka(
        client,
        StorageTopic.config(
            config.get(ConnectConfig.CONFIG_TOPIC),
            replication(config, ConnectConfig.CONFIG_REPLICATION)),
        StorageTopic.offsets(
            config.get(ConnectConfig.OFFSET_TOPIC),
            config.get(ConnectConfig.OFFSET_PARTITIONS),
            replication(config, ConnectConfig.OFFSET_REPLICATION)),
        StorageTopic.status(
            config.get(ConnectConfig.STATUS_TOPIC),
            config.get(ConnectConfig.STATUS_PARTITIONS),
            replication(config, ConnectConfig.STATUS_REPLICATION)),
        START_TIMEOUT);
  }

  /**
   * The worker's offsets topic, and each connector's own {@code offsets.storage.topic}, created
   * like the worker's (same partitions and replication) when missing.
   */
  private static ConnectorOffsetStores connectorOffsetStores(
      Config config, Map<String, Object> client, OffsetStore workerStore) {
    int partitions = config.get(ConnectConfig.OFFSET_PARTITIONS);
    short replication = replication(config, ConnectConfig.OFFSET_REPLICATION);
    return ConnectorOffsetStores.kafka(
        workerStore,
        config.get(ConnectConfig.OFFSET_TOPIC),
        topic -> {
          OffsetStore store =
              new KafkaOffsetStore(
                  StorageTopic.offsets(topic, partitions, replication), client, START_TIMEOUT);
          store.start();
          return store;
        });
  }

  private static SessionKeys.Settings sessionKeySettings(Config config) {
    return new SessionKeys.Settings(
        config.get(ConnectConfig.KEY_GENERATION_ALGORITHM).trim(),
        config.get(ConnectConfig.KEY_SIZE),
        config.get(ConnectConfig.KEY_TTL_MS),
        config.get(ConnectConfig.SIGNATURE_ALGORITHM).trim(),
        config.get(ConnectConfig.VERIFICATION_ALGORITHMS));
  }

  private static short replication(Config config, ConfigKey<Integer> key) {
    return config.get(key).shortValue();
  }

  /** Every given property plus the defaults of the keys Wharf declares. */
  private static Map<String, String> effectiveProperties(Config config) {
    Map<String, String> properties = new HashMap<>();
    for (ConfigKey<?> key : ConnectConfig.definition().keys()) {
      String text = key.defaultText();
      if (!text.isEmpty()) {
        properties.put(key.name(), text);
      }
    }
    properties.putAll(config.givenWithPrefix(""));
    return properties;
  }

  /** Settings for the worker's own clients: bootstrap servers and security, not client prefixes. */
  private static Map<String, Object> clientConfig(Map<String, String> properties) {
    Map<String, Object> client = new HashMap<>();
    properties.forEach(
        (key, value) -> {
          if (key.equals("bootstrap.servers")
              || key.startsWith("security.")
              || key.startsWith("sasl.")
              || key.startsWith("ssl.")
              || key.equals("client.dns.lookup")) {
            client.put(key, value);
          }
        });
    return client;
  }

  private static String workerId(Config config, Listener listener, int boundPort) {
    String host = config.get(ConnectConfig.ADVERTISED_HOST);
    int port = config.get(ConnectConfig.ADVERTISED_PORT);
    return (host.isBlank() ? listener.advertisedHost() : host)
        + ":"
        + (port == 0 ? boundPort : port);
  }

  public Herder herder() {
    return herder;
  }

  /** The URL of the REST API. */
  public URI url() {
    return rest.url();
  }

  /** This worker's cluster membership; empty in standalone mode. */
  public java.util.Optional<Membership> membership() {
    return java.util.Optional.ofNullable(membership);
  }

  /**
   * Stops this worker as a crash would look to the cluster: it stops heartbeating without leaving
   * the group, so the others take its work over only after the session timeout and the grace
   * period. Its resources are then released (in a real crash the process would be gone).
   */
  public void crash() {
    if (membership != null) {
      membership.crash();
    }
    closeResources();
  }

  /**
   * Loses the group membership without leaving and without stopping any task: a zombie, as a worker
   * cut off from the group coordinator is. Its work moves to the others after the session timeout
   * and the grace period; with exactly-once sources, the new task instances fence its producers.
   * {@link #close()} stops it for good.
   */
  public void loseMembership() {
    if (membership != null) {
      membership.crash();
    }
  }

  /** Leaves the cluster (its work moves to the other workers at once) and stops. */
  @Override
  public void close() {
    Utils.closeQuietly(membership, "cluster membership");
    closeResources();
  }

  private void closeResources() {
    Utils.closeQuietly(sessionKeys, "session keys");
    Utils.closeQuietly(rest, "REST server");
    Utils.closeQuietly(herder, "herder");
    Utils.closeQuietly(worker, "worker");
    Utils.closeQuietly(offsetStores, "connector offsets topics");
    Utils.closeQuietly(storage, "storage");
    Utils.closeQuietly(admin, "admin client");
    Utils.closeQuietly(providers, "config providers");
    Utils.closeQuietly(plugins, "plugins");
    Utils.closeQuietly(logs, "connector logs");
    Utils.closeQuietly(metrics, "metrics");
  }

  /** The first {@code http://host:port} of {@code listeners}. */
  record Listener(String host, int port) {
    static Listener parse(String listeners) {
      for (String entry : listeners.split(",")) {
        String trimmed = entry.trim();
        if (trimmed.startsWith("http://")) {
          URI uri = URI.create(trimmed);
          String host = uri.getHost() == null ? "0.0.0.0" : uri.getHost();
          if (uri.getPort() < 0) {
            throw new ConfigException("listeners: " + trimmed + " names no port");
          }
          return new Listener(host, uri.getPort());
        }
      }
      throw new ConfigException("listeners: no http:// listener in '" + listeners + "'");
    }

    String advertisedHost() {
      return host.equals("0.0.0.0") || host.isEmpty() ? "localhost" : host;
    }
  }
}
