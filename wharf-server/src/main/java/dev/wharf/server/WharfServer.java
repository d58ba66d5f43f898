package dev.wharf.server;

import dev.wharf.core.config.Config;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The composition root of {@code wharf start}: the Kafka backend and every service that runs on it,
 * started in order and stopped in reverse.
 */
final class WharfServer implements AutoCloseable {
  private final KafkaBackend kafka;

  private WharfServer(KafkaBackend kafka) {
    this.kafka = kafka;
  }

  /** Fails with a {@link UsageException} when a port that {@code config} asks for is taken. */
  static void checkPorts(Config config) {
    String host = config.get(ServerConfig.LISTENERS_HOST);
    if (embeddedBroker(config)) {
      Preflight.portIsFree(
          host, config.get(ServerConfig.BROKER_PORT), ServerConfig.BROKER_PORT.name());
      Preflight.portIsFree(
          host,
          config.get(ServerConfig.BROKER_CONTROLLER_PORT),
          ServerConfig.BROKER_CONTROLLER_PORT.name());
    }
  }

  /**
   * Starts the backend and the services, printing one line for each once it answers. Anything
   * already started is stopped again when a later step fails.
   */
  static WharfServer start(Config config, Path dataDir, PrintWriter out) {
    KafkaBackend kafka;
    if (embeddedBroker(config)) {
      kafka =
          KafkaBackend.embedded(
              config.get(ServerConfig.LISTENERS_HOST),
              config.get(ServerConfig.BROKER_PORT),
              config.get(ServerConfig.BROKER_CONTROLLER_PORT),
              dataDir,
              config.passThrough(ServerConfig.BROKER_PREFIX));
    } else {
      kafka = KafkaBackend.external(config.get(ServerConfig.BOOTSTRAP_SERVERS).trim());
    }
    out.printf("%-16s %s%n", "Kafka", kafka.describe());
    out.flush();
    return new WharfServer(kafka);
  }

  private static boolean embeddedBroker(Config config) {
    return config.get(ServerConfig.BOOTSTRAP_SERVERS).isBlank();
  }

  @Override
  public void close() {
    kafka.close();
  }
}
