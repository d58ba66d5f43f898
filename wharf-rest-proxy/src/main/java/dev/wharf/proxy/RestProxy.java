package dev.wharf.proxy;

import dev.wharf.core.config.Config;
import dev.wharf.core.config.ConfigDefinition;
import dev.wharf.core.config.ConfigException;
import dev.wharf.core.http.HttpServer;
import dev.wharf.proxy.consumer.ConsumerRoutes;
import dev.wharf.proxy.format.SchemaFormats;
import dev.wharf.proxy.http.MediaTypes;
import dev.wharf.proxy.kafka.ClientSettings;
import dev.wharf.proxy.kafka.KafkaErrors;
import dev.wharf.proxy.metadata.ClusterAdmin;
import dev.wharf.proxy.metadata.MetadataRoutes;
import dev.wharf.proxy.produce.PartitionCounts;
import dev.wharf.proxy.produce.ProduceRoutes;
import dev.wharf.proxy.produce.SharedProducer;
import dev.wharf.proxy.v3.V3Routes;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST Proxy service, composed from a {@link Config} parsed against {@link #definition()}:
 * {@link #start()} connects its Kafka clients and returns once the HTTP port answers, {@link
 * #url()} is where it serves, and {@link #close()} stops the server, then closes every consumer
 * instance, the shared producer and the admin client. Construction only validates the
 * configuration; nothing connects before {@code start()}.
 */
public final class RestProxy implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RestProxy.class);

  private final Config config;
  private final Listener listener;
  private final String advertised;
  private Admin admin;
  private SharedProducer producer;
  private ConsumerRoutes consumers;
  private V3Routes v3;
  private HttpServer server;
  private int boundPort = -1;

  /**
   * @throws ConfigException when {@code bootstrap.servers} is missing or a listener is invalid
   */
  public RestProxy(Config config) {
    this.config = config;
    if (config.get(RestProxyConfig.BOOTSTRAP_SERVERS).isBlank()) {
      throw new ConfigException("bootstrap.servers is required for the REST Proxy");
    }
    this.listener = Listener.parse("listeners", config.get(RestProxyConfig.LISTENERS));
    String advertisedText = config.get(RestProxyConfig.ADVERTISED_LISTENERS);
    this.advertised =
        advertisedText.isBlank() ? null : stripSlash(advertisedText.split(",")[0].trim());
    if (advertised != null) {
      Listener.parse("advertised.listeners", advertised);
    }
  }

  /** The proxy's configuration keys, under Confluent REST Proxy's names. */
  public static ConfigDefinition definition() {
    return RestProxyConfig.definition();
  }

  /** Connects to Kafka and starts serving; returns once the port accepts requests. */
  public synchronized RestProxy start() {
    if (server != null) {
      return this;
    }
    ClientSettings clients = new ClientSettings(config);
    try {
      admin = Admin.create(clients.admin());
      ClusterAdmin cluster = new ClusterAdmin(admin);
      SchemaFormats schemaFormats =
          SchemaFormats.of(
              config.get(RestProxyConfig.SCHEMA_REGISTRY_URL),
              config.get(RestProxyConfig.SCHEMA_REGISTRY_USER_INFO));
      producer = new SharedProducer(clients.producer());
      consumers =
          new ConsumerRoutes(
              clients.consumer(),
              this::baseUrl,
              config.get(RestProxyConfig.ID),
              config.get(RestProxyConfig.CONSUMER_INSTANCE_TIMEOUT_MS),
              config.get(RestProxyConfig.CONSUMER_REQUEST_TIMEOUT_MS),
              config.get(RestProxyConfig.CONSUMER_REQUEST_MAX_BYTES),
              config.get(RestProxyConfig.CONSUMER_INSTANCES_MAX),
              schemaFormats);
      PartitionCounts partitionCounts = new PartitionCounts(cluster);
      MetadataRoutes metadata = new MetadataRoutes(cluster);
      ProduceRoutes produce = new ProduceRoutes(producer, partitionCounts, schemaFormats);
      v3 =
          new V3Routes(
              cluster,
              producer,
              partitionCounts,
              this::baseUrl,
              config.get(RestProxyConfig.PRODUCE_BATCH_MAX_ENTRIES),
              config.get(RestProxyConfig.REQUEST_MAX_BYTES),
              schemaFormats);
      server =
          HttpServer.builder("rest-proxy")
              .host(listener.host())
              .port(listener.port())
              .maxRequestBytes(config.get(RestProxyConfig.REQUEST_MAX_BYTES))
              .errorContentType(MediaTypes::forError)
              .errorTranslator(KafkaErrors::translate)
              .directRoute(produce.directRoute())
              .routes(
                  routes -> {
                    metadata.register(routes);
                    produce.register(routes);
                    consumers.register(routes);
                    v3.register(routes);
                  })
              .build()
              .start();
      boundPort = server.port();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    LOG.info("REST Proxy serving on {}", url());
    return this;
  }

  /**
   * Where the proxy serves, with the port actually bound.
   *
   * @throws IllegalStateException before {@link #start()}
   */
  public URI url() {
    if (boundPort < 0) {
      throw new IllegalStateException("the REST Proxy has not been started");
    }
    String host = listener.isWildcard() ? "127.0.0.1" : listener.host();
    return URI.create("http://" + hostForUrl(host) + ":" + boundPort);
  }

  /**
   * The URL clients use to reach this proxy: {@code advertised.listeners}, else {@code host.name}
   * with the bound port, else the listener when it names a host, else the request's own Host.
   */
  private String baseUrl(Context ctx) {
    if (advertised != null) {
      return advertised;
    }
    String hostName = config.get(RestProxyConfig.HOST_NAME);
    if (!hostName.isBlank()) {
      return "http://" + hostForUrl(hostName) + ":" + boundPort;
    }
    if (!listener.isWildcard()) {
      return "http://" + hostForUrl(listener.host()) + ":" + boundPort;
    }
    return ctx.scheme() + "://" + ctx.host();
  }

  private static String hostForUrl(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** Stops serving and closes every Kafka client; safe to call more than once. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.close();
      server = null;
    }
    if (consumers != null) {
      consumers.close();
      consumers = null;
    }
    if (v3 != null) {
      v3.close();
      v3 = null;
    }
    if (producer != null) {
      producer.close();
      producer = null;
    }
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
      admin = null;
    }
  }
}
