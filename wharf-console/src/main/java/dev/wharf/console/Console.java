package dev.wharf.console;

import dev.wharf.core.config.Config;
import dev.wharf.core.config.ConfigDefinition;
import dev.wharf.core.config.ConfigException;
import dev.wharf.core.http.HttpServer;
import java.net.URI;
import java.net.URISyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console, composed from a {@link Config} parsed against {@link #definition()} and the
 * {@link Upstreams} it forwards to: {@link #start()} returns once the port answers, {@link #url()}
 * is where a browser opens it, and {@link #close()} stops it. The page itself (plain HTML, CSS and
 * ES modules under {@code console/} on the class path) talks only to this server.
 */
public final class Console implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Console.class);

  private final String host;
  private final int port;
  private final Upstreams upstreams;
  private ApiForwarder forwarder;
  private HttpServer server;

  /**
   * @throws ConfigException when {@code listeners} is not an http://host:port URL
   */
  public Console(Config config, Upstreams upstreams) {
    this.upstreams = upstreams;
    String first = config.get(ConsoleConfig.LISTENERS).split(",")[0].trim();
    URI listener;
    try {
      listener = new URI(first);
    } catch (URISyntaxException e) {
      throw new ConfigException("invalid listeners '" + first + "': " + e.getReason());
    }
    if (!"http".equalsIgnoreCase(listener.getScheme())
        || listener.getHost() == null
        || listener.getPort() < 0) {
      throw new ConfigException("invalid listeners '" + first + "': it must be http://host:port");
    }
    this.host = listener.getHost();
    this.port = listener.getPort();
  }

  /** The console's keys ({@code enabled}, {@code listeners}), read behind {@code console.}. */
  public static ConfigDefinition definition() {
    return ConsoleConfig.definition();
  }

  /** Starts serving; returns once the port accepts requests. */
  public synchronized Console start() {
    if (server == null) {
      forwarder = new ApiForwarder(upstreams);
      StaticAssets assets = new StaticAssets();
      server =
          HttpServer.builder("console")
              .host(host)
              .port(port)
              .routes(
                  routes -> {
                    assets.register(routes);
                    forwarder.register(routes);
                  })
              .build()
              .start();
      LOG.info("Console serving on {}", url());
    }
    return this;
  }

  /**
   * Where the console serves, with the port actually bound.
   *
   * @throws IllegalStateException before {@link #start()}
   */
  public synchronized URI url() {
    if (server == null) {
      throw new IllegalStateException("the console has not been started");
    }
    boolean wildcard = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    String shown = wildcard ? "127.0.0.1" : host;
    return URI.create("http://" + shown + ":" + server.port());
  }

  /** Ends open event streams and stops serving; safe to call more than once. */
  @Override
  public synchronized void close() {
    if (forwarder != null) {
      forwarder.close();
      forwarder = null;
    }
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
