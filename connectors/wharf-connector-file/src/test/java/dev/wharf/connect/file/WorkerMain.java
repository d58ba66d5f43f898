package dev.wharf.connect.file;

import dev.wharf.connect.testing.ConnectFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A Wharf worker in a process of its own running one connector, for tests that must kill a worker
 * with SIGKILL or feed its standard input. Arguments: bootstrap servers, store prefix, connector
 * name, then the connector config as {@code key=value} arguments. {@link #start} launches it.
 */
public final class WorkerMain {
  /** Fast group membership, so a worker restarted after a kill rejoins in seconds. */
  static final Map<String, String> FAST_GROUP =
      Map.of("consumer.session.timeout.ms", "6000", "consumer.heartbeat.interval.ms", "1000");

  private WorkerMain() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> config = new HashMap<>();
    for (int i = 3; i < args.length; i++) {
      int equals = args[i].indexOf('=');
      config.put(args[i].substring(0, equals), args[i].substring(equals + 1));
    }
    ConnectFixture connect = new ConnectFixture(args[0], args[1], FAST_GROUP);
    connect.createConnector(args[2], config);
    // Runs until killed: the point is to never stop cleanly.
    new CountDownLatch(1).await();
  }

  /** Starts a worker process running {@code connector}; its output goes to {@code log}. */
  static Process start(
      String bootstrapServers,
      String prefix,
      String connector,
      Map<String, String> config,
      Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-D" + ConnectFixture.PLUGIN_PATH_PROPERTY + "=" + ConnectFixture.pluginPath());
    command.add(WorkerMain.class.getName());
    command.add(bootstrapServers);
    command.add(prefix);
    command.add(connector);
    config.forEach((key, value) -> command.add(key + "=" + value));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    return builder.start();
  }
}
