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
 * A Wharf worker in a process of its own, for tests that must kill a worker with SIGKILL or feed
 * its standard input. Arguments: bootstrap servers, store prefix, then optionally a connector name
 * and its config as {@code key=value} arguments, which the worker creates; without them the worker
 * only joins its cluster and runs what the stores hold (a restart). System properties starting with
 * {@value #WORKER_PROPERTY} are extra worker properties. {@link #start} and {@link #restart} launch
 * it.
 */
public final class WorkerMain {
  /** Fast group membership, so a worker restarted after a kill rejoins in seconds. */
  static final Map<String, String> FAST_GROUP =
      Map.of("consumer.session.timeout.ms", "6000", "consumer.heartbeat.interval.ms", "1000");

  private static final String WORKER_PROPERTY = "wharf.test.worker.";

  private WorkerMain() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> worker = new HashMap<>(FAST_GROUP);
    System.getProperties()
        .stringPropertyNames()
        .forEach(
            key -> {
              if (key.startsWith(WORKER_PROPERTY)) {
                worker.put(key.substring(WORKER_PROPERTY.length()), System.getProperty(key));
              }
            });
    ConnectFixture connect = new ConnectFixture(args[0], args[1], worker);
    if (args.length > 2) {
      Map<String, String> config = new HashMap<>();
      for (int i = 3; i < args.length; i++) {
        int equals = args[i].indexOf('=');
        config.put(args[i].substring(0, equals), args[i].substring(equals + 1));
      }
      connect.createConnector(args[2], config);
    }
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
    return start(bootstrapServers, prefix, Map.of(), connector, config, log);
  }

  /**
   * Starts a worker process with the extra worker properties {@code worker}, running {@code
   * connector}; its output goes to {@code log}.
   */
  static Process start(
      String bootstrapServers,
      String prefix,
      Map<String, String> worker,
      String connector,
      Map<String, String> config,
      Path log)
      throws IOException {
    List<String> arguments = new ArrayList<>(List.of(bootstrapServers, prefix, connector));
    config.forEach((key, value) -> arguments.add(key + "=" + value));
    return launch(worker, arguments, log);
  }

  /**
   * Starts a worker process on the stores of {@code prefix} that creates nothing: it resumes the
   * connectors a previous worker left there. Its output goes to {@code log}.
   */
  static Process restart(
      String bootstrapServers, String prefix, Map<String, String> worker, Path log)
      throws IOException {
    return launch(worker, List.of(bootstrapServers, prefix), log);
  }

  private static Process launch(Map<String, String> worker, List<String> arguments, Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-D" + ConnectFixture.PLUGIN_PATH_PROPERTY + "=" + ConnectFixture.pluginPath());
    worker.forEach((key, value) -> command.add("-D" + WORKER_PROPERTY + key + "=" + value));
    command.add(WorkerMain.class.getName());
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    return builder.start();
  }
}
