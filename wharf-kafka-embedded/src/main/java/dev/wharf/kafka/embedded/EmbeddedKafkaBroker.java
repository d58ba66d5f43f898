package dev.wharf.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Apache Kafka broker in KRaft combined mode (broker and controller in one
 * process), run inside this JVM from Kafka's own server classes. Its storage lives under one
 * directory, formatted on first start and reused afterwards, so topics and records survive a
 * restart.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final int NODE_ID = 1;
  private static final String BROKER_LISTENER = "PLAINTEXT";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";

  private final String host;
  private final int port;
  private final int controllerPort;
  private final Path logDir;
  private final KafkaRaftServer server;
  private final String clusterId;

  private EmbeddedKafkaBroker(Builder builder) {
    this.host = builder.host;
    this.port = builder.port == 0 ? FreePorts.find(builder.host) : builder.port;
    this.controllerPort =
        builder.controllerPort == 0 ? FreePorts.find(builder.host) : builder.controllerPort;
    this.logDir = builder.logDir.toAbsolutePath();
    Map<String, Object> properties = brokerProperties(builder.overrides);
    KafkaConfig config = new KafkaConfig(properties, false);
    this.clusterId = StorageFormat.ensureFormatted(config, logDir, NODE_ID, CONTROLLER_LISTENER);
    this.server = new KafkaRaftServer(config, Time.SYSTEM);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts the broker and returns once it answers requests; stops it again if that fails. */
  public EmbeddedKafkaBroker start() {
    try {
      server.startup();
      awaitServing(Duration.ofSeconds(60));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    return this;
  }

  /** The {@code bootstrap.servers} value that reaches this broker. */
  public String bootstrapServers() {
    return host + ":" + port;
  }

  public int port() {
    return port;
  }

  public int controllerPort() {
    return controllerPort;
  }

  public String clusterId() {
    return clusterId;
  }

  public Path logDir() {
    return logDir;
  }

  /** Stops the broker and waits until it has shut down; its storage stays in place. */
  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }

  private Map<String, Object> brokerProperties(Map<String, String> overrides) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("process.roles", "broker,controller");
    props.put("node.id", String.valueOf(NODE_ID));
    props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
    props.put(
        "listeners",
        BROKER_LISTENER
            + "://"
            + host
            + ":"
            + port
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + host
            + ":"
            + controllerPort);
    props.put("advertised.listeners", BROKER_LISTENER + "://" + host + ":" + port);
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put("inter.broker.listener.name", BROKER_LISTENER);
    props.put(
        "listener.security.protocol.map",
        BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    props.put("log.dirs", logDir.toString());
    // One node: every internal topic must live with a single replica.
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "10");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "10");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("auto.create.topics.enable", "true");
    props.putAll(overrides);
    return props;
  }

  private void awaitServing(Duration timeout) {
    Properties adminProps = new Properties();
    adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(adminProps)) {
      while (true) {
        try {
          if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "Kafka broker on " + bootstrapServers() + " did not answer within " + timeout, e);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
    }
  }

  /** Settings of an {@link EmbeddedKafkaBroker}; a port of 0 picks a free one. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 9092;
    private int controllerPort = 9093;
    private Path logDir;
    private final Map<String, String> overrides = new LinkedHashMap<>();

    private Builder() {}

    public Builder host(String value) {
      this.host = Objects.requireNonNull(value);
      return this;
    }

    public Builder port(int value) {
      this.port = value;
      return this;
    }

    public Builder controllerPort(int value) {
      this.controllerPort = value;
      return this;
    }

    /** Where the broker keeps its log segments and metadata; created when missing. */
    public Builder logDir(Path value) {
      this.logDir = Objects.requireNonNull(value);
      return this;
    }

    /** Broker settings in Kafka's own key names, applied over Wharf's single-node defaults. */
    public Builder properties(Map<String, String> values) {
      overrides.putAll(values);
      return this;
    }

    /** Formats the storage when needed and builds the broker without starting it. */
    public EmbeddedKafkaBroker build() {
      Objects.requireNonNull(logDir, "logDir");
      try {
        Files.createDirectories(logDir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create Kafka data directory " + logDir, e);
      }
      return new EmbeddedKafkaBroker(this);
    }
  }
}
