package dev.wharf.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Polls a broker the way a client would until it answers a metadata request. */
final class KafkaProbe {
  private KafkaProbe() {}

  /** Returns the time (System.nanoTime) at which {@code bootstrap} first answered. */
  static long awaitServing(String bootstrap, Duration timeout) throws InterruptedException {
    Map<String, Object> props =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 20,
            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 50);
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(props)) {
      while (System.nanoTime() < deadline) {
        try {
          if (!admin.describeCluster().nodes().get(1, TimeUnit.SECONDS).isEmpty()) {
            return System.nanoTime();
          }
        } catch (ExecutionException | TimeoutException e) {
          // not up yet
        }
      }
    }
    throw new IllegalStateException(bootstrap + " did not answer within " + timeout);
  }
}
