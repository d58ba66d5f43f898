package dev.wharf.connect.file;

import dev.wharf.connect.storage.TargetState;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A Wharf worker in a process of its own running one file sink, for {@link SinkCrashIT} to kill
 * with SIGKILL. Arguments: bootstrap servers, store prefix, connector name, topic, output file.
 */
public final class SinkWorkerMain {
  /** Fast group membership, so the worker restarted after the kill rejoins in seconds. */
  static final Map<String, String> FAST_GROUP =
      Map.of("consumer.session.timeout.ms", "6000", "consumer.heartbeat.interval.ms", "1000");

  private SinkWorkerMain() {}

  public static void main(String[] args) throws InterruptedException {
    ConnectWorker connect = new ConnectWorker(args[0], args[1], FAST_GROUP);
    connect.herder.createConnector(args[2], config(args[3], args[4]), TargetState.STARTED);
    // Runs until killed: the point is to never stop cleanly.
    new CountDownLatch(1).await();
  }

  static Map<String, String> config(String topic, String file) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "FileStreamSink");
    config.put("tasks.max", "1");
    config.put("topics", topic);
    config.put("file", file);
    config.put("fsync", "true");
    return config;
  }
}
