package dev.wharf.connect.herder;

import dev.wharf.connect.storage.ConfigSnapshot;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds back the tasks of an exactly-once source connector whose latest task configs came after its
 * last {@code tasks-fencing-<name>} record (KIP-618), and asks for the round that lets them start:
 * on the leader it runs the round itself, elsewhere it sends {@code PUT /connectors/{name}/fence}
 * to the leader. The tasks start when the config topic shows the round's record; a failed request
 * is tried again after a pause.
 */
final class FencingGate {
  private static final Logger log = LoggerFactory.getLogger(FencingGate.class);
  private static final long RETRY_DELAY_MS = 1_000;

  private final Cluster cluster;
  private final ZombieFencer fencer;
  private final Predicate<String> isSource;
  private final Set<String> requested = ConcurrentHashMap.newKeySet();

  FencingGate(Cluster cluster, ZombieFencer fencer, Predicate<String> isSource) {
    this.cluster = cluster;
    this.fencer = fencer;
    this.isSource = isSource;
  }

  /** A gate that never holds anything back: workers without exactly-once sources. */
  static FencingGate open() {
    return new FencingGate(null, null, name -> false);
  }

  /** Whether the connector's tasks must wait for a fencing round before they start. */
  boolean holds(String connector, ConfigSnapshot snapshot) {
    return fencer != null && snapshot.pendingFencing(connector) && isSource.test(connector);
  }

  /**
   * Asks for the connector's fencing round unless a request is under way; calls {@code retry} after
   * a pause when the request fails, so the caller can look again.
   */
  void request(String connector, Runnable retry) {
    if (!requested.add(connector)) {
      return;
    }
    CompletableFuture<Void> round =
        cluster.isLeader()
            ? CompletableFuture.runAsync(() -> fencer.fenceRound(connector), FencingGate::daemon)
            : cluster.requestFencing(connector);
    round.whenComplete(
        (ok, error) -> {
          requested.remove(connector);
          if (error != null) {
            log.warn(
                "connector {}: the zombie-fencing round failed; its tasks wait and it is asked"
                    + " again",
                connector,
                error);
            CompletableFuture.delayedExecutor(RETRY_DELAY_MS, TimeUnit.MILLISECONDS).execute(retry);
          }
        });
  }

  // Rounds are rare and block on the Admin API and the config topic: a thread of their own each.
  private static void daemon(Runnable round) {
    Thread thread = new Thread(round, "zombie-fencing");
    thread.setDaemon(true);
    thread.start();
  }
}
