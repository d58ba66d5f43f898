package dev.wharf.registry;

import dev.wharf.core.config.Config;
import dev.wharf.core.config.ConfigDefinition;
import dev.wharf.core.config.ConfigException;
import dev.wharf.core.http.HttpServer;
import dev.wharf.registry.election.LeaderElection;
import dev.wharf.registry.rest.RegistryRoutes;
import dev.wharf.registry.schema.CompatibilityLevel;
import dev.wharf.registry.service.Registry;
import dev.wharf.registry.service.Settings;
import dev.wharf.registry.store.KafkaStore;
import dev.wharf.registry.store.RegistryState;
import dev.wharf.registry.store.SchemaTopic;
import dev.wharf.registry.store.StoreWrites;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Schema Registry service, composed from a {@link Config} parsed against {@link #definition()}:
 * {@link #start()} creates the schemas topic if needed, reads it to its end and returns once the
 * HTTP port answers and a leader is elected among the instances of its group (the one that writes;
 * the others forward writes to it); {@link #url()} is where it serves; {@link #close()} leaves the
 * group, stops the server and the store's Kafka clients. Construction only validates the
 * configuration.
 */
public final class SchemaRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistry.class);

  private final Config config;
  private final String host;
  private final int port;
  private KafkaStore store;
  private volatile LeaderElection election;
  private HttpServer server;
  private volatile String kafkaClusterId = "";
  private int boundPort = -1;

  /**
   * @throws ConfigException when {@code kafkastore.bootstrap.servers} is missing or the listener is
   *     invalid
   */
  public SchemaRegistry(Config config) {
    this.config = config;
    if (config.get(SchemaRegistryConfig.KAFKASTORE_BOOTSTRAP_SERVERS).isBlank()) {
      throw new ConfigException("kafkastore.bootstrap.servers is required for the Schema Registry");
    }
    String listener = config.get(SchemaRegistryConfig.LISTENERS).split(",")[0].trim();
    URI uri;
    try {
      uri = new URI(listener);
    } catch (URISyntaxException e) {
      throw new ConfigException("invalid listeners '" + listener + "': " + e.getReason());
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getPort() < 0) {
      throw new ConfigException(
          "invalid listeners '" + listener + "': only http://host:port listeners are supported");
    }
    this.host = uri.getHost() == null ? "0.0.0.0" : uri.getHost();
    this.port = uri.getPort();
  }

  /** The registry's configuration keys, under Confluent Schema Registry's names. */
  public static ConfigDefinition definition() {
    return SchemaRegistryConfig.definition();
  }

  /** Reads the schemas topic and starts serving; returns once the port accepts requests. */
  public synchronized SchemaRegistry start() {
    if (server != null) {
      return this;
    }
    Map<String, Object> clients = clientSettings();
    String topic = config.get(SchemaRegistryConfig.KAFKASTORE_TOPIC);
    Duration initTimeout =
        Duration.ofMillis(config.get(SchemaRegistryConfig.KAFKASTORE_INIT_TIMEOUT_MS));
    try {
      SchemaTopic.ensure(
          clients,
          topic,
          config.get(SchemaRegistryConfig.KAFKASTORE_TOPIC_REPLICATION_FACTOR),
          initTimeout.toMillis());
      kafkaClusterId = clusterId(clients, initTimeout);
      RegistryState state = new RegistryState();
      store =
          new KafkaStore(
              topic,
              clients,
              state,
              Duration.ofMillis(config.get(SchemaRegistryConfig.KAFKASTORE_TIMEOUT_MS)));
      store.start(initTimeout);
      StoreWrites writes = new StoreWrites(store);
      Settings settings =
          new Settings(
              state,
              writes,
              CompatibilityLevel.fromName(
                  config.get(SchemaRegistryConfig.SCHEMA_COMPATIBILITY_LEVEL)),
              config.get(SchemaRegistryConfig.MODE_MUTABILITY));
      LeaderElection elector =
          new LeaderElection(
              clients,
              config.get(SchemaRegistryConfig.GROUP_ID),
              topic,
              config.get(SchemaRegistryConfig.LEADER_ELIGIBILITY));
      election = elector;
      Registry registry = new Registry(state, writes, settings, elector::term);
      RegistryRoutes routes =
          new RegistryRoutes(
              registry,
              settings,
              elector,
              Duration.ofMillis(config.get(SchemaRegistryConfig.LEADER_CONNECT_TIMEOUT_MS)),
              Duration.ofMillis(config.get(SchemaRegistryConfig.LEADER_READ_TIMEOUT_MS)),
              () -> kafkaClusterId,
              config.get(SchemaRegistryConfig.GROUP_ID));
      server =
          HttpServer.builder("schema-registry")
              .host(host)
              .port(port)
              .errorContentType(RegistryRoutes::errorContentType)
              .errorTranslator(RegistryRoutes::translate)
              .routes(routes::register)
              .build()
              .start();
      boundPort = server.port();
      // The port is known only now, and the group must learn where this instance serves.
      election.start(url(), initTimeout);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    LOG.info("Schema Registry serving on {} (topic {})", url(), topic);
    return this;
  }

  private Map<String, Object> clientSettings() {
    Map<String, Object> settings =
        new HashMap<>(config.passThrough(SchemaRegistryConfig.KAFKASTORE_PREFIX));
    settings.put(
        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
        config.get(SchemaRegistryConfig.KAFKASTORE_BOOTSTRAP_SERVERS));
    return settings;
  }

  private static String clusterId(Map<String, Object> clients, Duration timeout) {
    try (Admin admin = Admin.create(clients)) {
      return admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("Cannot read the Kafka cluster id: " + e.getMessage(), e);
    }
  }

  /**
   * Where the registry serves, with the port actually bound.
   *
   * @throws IllegalStateException before {@link #start()}
   */
  public URI url() {
    if (boundPort < 0) {
      throw new IllegalStateException("the Schema Registry has not been started");
    }
    String hostName = config.get(SchemaRegistryConfig.HOST_NAME);
    String shown =
        !hostName.isBlank()
            ? hostName
            : (host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host);
    if (shown.contains(":") && !shown.startsWith("[")) {
      shown = "[" + shown + "]";
    }
    return URI.create("http://" + shown + ":" + boundPort);
  }

  /** The URL of the instance that currently leads this instance's group, if one is known. */
  public Optional<URI> leader() {
    LeaderElection current = election;
    return current == null ? Optional.empty() : Optional.ofNullable(current.leader());
  }

  /** Stops serving and closes the store's Kafka clients; safe to call more than once. */
  @Override
  public synchronized void close() {
    if (election != null) {
      election.close();
      election = null;
    }
    if (server != null) {
      server.close();
      server = null;
    }
    if (store != null) {
      store.close();
      store = null;
    }
  }
}
