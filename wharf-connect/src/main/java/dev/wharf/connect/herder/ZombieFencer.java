package dev.wharf.connect.herder;

import dev.wharf.connect.storage.ConfigSnapshot;
import dev.wharf.connect.storage.ConfigStore;
import dev.wharf.connect.storage.TaskId;
import dev.wharf.connect.validation.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's zombie-fencing round of an exactly-once source connector ({@code PUT
 * /connectors/{name}/fence}, KIP-618), run before a new generation of its tasks starts anywhere:
 * every producer with a transactional id ({@code <group.id>-<connector>-<task>}) of the task count
 * in the last {@code tasks-fencing-<name>} record is fenced through the Admin API, then a record
 * with the current task count is written, which lets the new tasks start. As in Apache, nothing is
 * fenced when no record exists yet (no exactly-once task ever ran) or when both the old and new
 * generation have one task (the new instance's {@code initTransactions} fences the old one), and
 * nothing is done when the config topic already shows a round after the latest task configs.
 */
public final class ZombieFencer {
  private static final Logger log = LoggerFactory.getLogger(ZombieFencer.class);
  private static final long TIMEOUT_SECONDS = 60;

  private final Admin admin;
  private final String groupId;
  private final ConfigStore configs;
  private final Predicate<String> isSource;

  /**
   * @param isSource whether a connector (by name) is a source connector; others cannot be fenced
   */
  public ZombieFencer(
      Admin admin, String groupId, ConfigStore configs, Predicate<String> isSource) {
    this.admin = admin;
    this.groupId = groupId;
    this.configs = configs;
    this.isSource = isSource;
  }

  /**
   * Runs the round on this worker (the leader); rounds run one at a time, so a second request for
   * the same task configs finds the first one's record and does nothing.
   */
  public synchronized void fenceRound(String connector) {
    await(configs.refresh(), "read the config topic before fencing connector " + connector);
    ConfigSnapshot snapshot = requireSource(connector);
    if (!snapshot.pendingFencing(connector)) {
      log.debug("connector {}: its current tasks are already fenced for", connector);
      return;
    }
    int taskCount = snapshot.taskCount(connector);
    int generation = snapshot.taskGeneration(connector);
    Integer previous = snapshot.taskCountRecord(connector).orElse(null);
    if (previous != null && !(previous == 1 && taskCount == 1)) {
      fence(connector, previous);
    }
    await(configs.refresh(), "read the config topic after fencing connector " + connector);
    if (configs.snapshot().taskGeneration(connector) != generation) {
      // Newer task configs may have more tasks than this round fenced for: the next round counts.
      throw new RetriableException(
          "The task configs of connector "
              + connector
              + " changed during its zombie fencing round; try again");
    }
    await(
        configs.putTaskCountRecord(connector, taskCount),
        "write the task count record of connector " + connector);
    log.info(
        "connector {}: fenced the producers of {} earlier tasks; {} tasks may start",
        connector,
        previous == null ? 0 : previous,
        taskCount);
  }

  /**
   * Fences every producer of the connector's first {@code taskCount} task transactional ids, as
   * before its offsets are changed; returns how many ids were fenced.
   */
  public int fence(String connector, int taskCount) {
    List<String> ids = new ArrayList<>();
    for (int task = 0; task < taskCount; task++) {
      ids.add(transactionalId(groupId, connector, task));
    }
    if (ids.isEmpty()) {
      return 0;
    }
    try {
      admin.fenceProducers(ids).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new ConnectException("Could not fence the zombies of connector " + connector, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Interrupted fencing the zombies of connector " + connector, e);
    }
    return ids.size();
  }

  /** Apache's transactional id of an exactly-once source task. */
  public static String transactionalId(String groupId, String connector, int task) {
    return new TaskId(connector, task).transactionalId(groupId);
  }

  private ConfigSnapshot requireSource(String connector) {
    ConfigSnapshot snapshot = configs.snapshot();
    if (!snapshot.contains(connector)) {
      throw new NotFoundException("Connector " + connector + " not found");
    }
    if (!isSource.test(connector)) {
      throw new InvalidRequestException("Connector " + connector + " is not a source connector");
    }
    return snapshot;
  }

  private static <T> T await(java.util.concurrent.CompletableFuture<T> future, String what) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new ConnectException("Could not " + what + ": " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw new ConnectException("Timed out trying to " + what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Interrupted trying to " + what, e);
    }
  }
}
