package dev.wharf.server;

import dev.wharf.connect.ConnectRuntime;
import dev.wharf.console.Console;
import dev.wharf.console.Upstreams;
import dev.wharf.core.config.Config;
import dev.wharf.proxy.RestProxy;
import dev.wharf.registry.SchemaRegistry;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.utils.Utils;

/**
 * The composition root of {@code wharf start}: the Kafka backend and every service that runs on it
 * (Connect, the REST Proxy, the Schema Registry), then the web console in front of them, started in
 * order and stopped in reverse.
 */
final class WharfServer implements ServiceCommand.Running {
  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  private WharfServer() {}

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
    checkListener(ServiceConfigs.connectListener(config), "connect.listeners");
    checkListener(ServiceConfigs.proxyListener(config), "proxy.listeners");
    checkListener(ServiceConfigs.registryListener(config), "registry.listeners");
    if (ServiceConfigs.consoleEnabled(config)) {
      checkListener(ServiceConfigs.consoleListener(config), "console.listeners");
    }
  }

  private static void checkListener(URI listener, String key) {
    if (listener.getHost() == null || listener.getPort() < 0) {
      throw new UsageException(key + ": '" + listener + "' is not a URL like http://host:port");
    }
    Preflight.portIsFree(listener.getHost(), listener.getPort(), key);
  }

  /**
   * Starts the backend and the services, printing one line for each once it answers (with a
   * progress line while waiting, on a terminal). Anything already started is stopped again when a
   * later step fails.
   */
  static WharfServer start(Config config, Path dataDir, Path home, PrintWriter out) {
    WharfServer server = new WharfServer();
    try (ProgressLine progress = ProgressLine.forTerminal(out)) {
      progress.step("the Kafka broker");
      KafkaBackend kafka =
          embeddedBroker(config)
              ? KafkaBackend.embedded(
                  config.get(ServerConfig.LISTENERS_HOST),
                  config.get(ServerConfig.BROKER_PORT),
                  config.get(ServerConfig.BROKER_CONTROLLER_PORT),
                  dataDir,
                  config.passThrough(ServerConfig.BROKER_PREFIX))
              : KafkaBackend.external(config.get(ServerConfig.BOOTSTRAP_SERVERS).trim());
      server.started.push(kafka);
      progress.println(line("Kafka", kafka.describe()));

      // The services need only the broker, not each other (but for the proxy's registry URL): start
      // them side by side.
      progress.step("Connect, REST Proxy, Schema Registry");
      String bootstrap = kafka.bootstrapServers();
      CompletableFuture<ConnectRuntime> connect =
          CompletableFuture.supplyAsync(
              () -> ConnectRuntime.distributed(ServiceConfigs.connect(config, bootstrap, home)));
      CompletableFuture<SchemaRegistry> registry =
          CompletableFuture.supplyAsync(
              () -> new SchemaRegistry(ServiceConfigs.registry(config, bootstrap)).start());
      // The proxy's schema formats point at this registry, whose port is known once it listens.
      CompletableFuture<RestProxy> proxy =
          registry.thenApplyAsync(
              started ->
                  new RestProxy(ServiceConfigs.proxy(config, bootstrap, started.url())).start());
      server.keepAll(List.of(connect, proxy, registry));
      progress.println(line("Connect", connect.join().url().toString()));
      progress.println(line("REST Proxy", proxy.join().url().toString()));
      progress.println(line("Schema Registry", registry.join().url().toString()));

      if (ServiceConfigs.consoleEnabled(config)) {
        progress.step("the console");
        Upstreams upstreams =
            new Upstreams(connect.join().url(), proxy.join().url(), registry.join().url());
        Console console = new Console(ServiceConfigs.console(config), upstreams).start();
        server.started.push(console);
        progress.println(line("Console", console.url().toString()));
      }
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /**
   * Waits for services started in the background and keeps each one that came up, so {@link
   * #close()} stops it; then rethrows the first failure as it was thrown.
   */
  private void keepAll(List<CompletableFuture<? extends AutoCloseable>> services) {
    RuntimeException failure = null;
    for (CompletableFuture<? extends AutoCloseable> service : services) {
      try {
        started.push(service.join());
      } catch (CompletionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  static void line(PrintWriter out, String service, String where) {
    out.println(line(service, where));
    out.flush();
  }

  private static String line(String service, String where) {
    return String.format("%-16s %s", service, where);
  }

  private static boolean embeddedBroker(Config config) {
    return config.get(ServerConfig.BOOTSTRAP_SERVERS).isBlank();
  }

  /** Stops the services in reverse order, then the broker. */
  @Override
  public void close() {
    while (!started.isEmpty()) {
      Utils.closeQuietly(started.pop(), "service");
    }
  }
}
