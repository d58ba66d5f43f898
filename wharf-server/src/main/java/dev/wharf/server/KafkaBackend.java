package dev.wharf.server;

import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;

/**
 * The Kafka cluster the services run on: either the embedded single-node broker, which this object
 * owns and stops on close, or an existing cluster named by {@code bootstrap.servers}, which it only
 * checks for reachability.
 */
final class KafkaBackend implements AutoCloseable {
  private static final long CONNECT_TIMEOUT_SECONDS = 30;

  private final String bootstrapServers;
  private final String clusterId;
  private final EmbeddedKafkaBroker broker;

  private KafkaBackend(String bootstrapServers, String clusterId, EmbeddedKafkaBroker broker) {
    this.bootstrapServers = bootstrapServers;
    this.clusterId = clusterId;
    this.broker = broker;
  }

  /** Starts the embedded broker with its data under {@code dataDir/kafka}. */
  static KafkaBackend embedded(
      String host, int port, int controllerPort, Path dataDir, Map<String, String> properties) {
    EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.builder()
            .host(host)
            .port(port)
            .controllerPort(controllerPort)
            .logDir(dataDir.resolve("kafka"))
            .properties(properties)
            .build()
            .start();
    return new KafkaBackend(broker.bootstrapServers(), broker.clusterId(), broker);
  }

  /** Connects to an existing cluster and reads its id; fails when it does not answer in time. */
  static KafkaBackend external(String bootstrapServers) {
    Map<String, Object> props =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    try (Admin admin = Admin.create(props)) {
      String id =
          admin.describeCluster().clusterId().get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return new KafkaBackend(bootstrapServers, id, null);
    } catch (KafkaException | IllegalArgumentException e) {
      throw new UsageException("bootstrap.servers: " + e.getMessage(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new UsageException(
          "bootstrap.servers: no Kafka cluster answered at "
              + bootstrapServers
              + " within "
              + CONNECT_TIMEOUT_SECONDS
              + " s",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while connecting to " + bootstrapServers, e);
    }
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  String clusterId() {
    return clusterId;
  }

  /** The line printed at startup. */
  String describe() {
    return bootstrapServers
        + (broker != null ? " (embedded broker" : " (existing cluster")
        + ", cluster id "
        + clusterId
        + ")";
  }

  @Override
  public void close() {
    if (broker != null) {
      broker.close();
    }
  }
}
