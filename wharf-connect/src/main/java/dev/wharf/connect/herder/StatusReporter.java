package dev.wharf.connect.herder;

import dev.wharf.connect.storage.ConnectorStatus;
import dev.wharf.connect.storage.StatusState;
import dev.wharf.connect.storage.StatusStore;
import dev.wharf.connect.storage.TaskId;
import dev.wharf.connect.storage.TaskStatus;
import dev.wharf.connect.storage.TopicStatus;
import dev.wharf.connect.worker.StatusListener;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes every state change the worker reports to the status store, with this worker's id. */
public final class StatusReporter implements StatusListener {
  private static final Logger log = LoggerFactory.getLogger(StatusReporter.class);

  private final StatusStore statuses;
  private final String workerId;
  private final java.util.function.IntSupplier generation;

  public StatusReporter(StatusStore statuses, String workerId) {
    this(statuses, workerId, () -> 0);
  }

  /**
   * Reports with the cluster generation of the moment, so that a worker's late {@code UNASSIGNED}
   * for work that moved on does not overwrite the new owner's status.
   */
  public StatusReporter(
      StatusStore statuses, String workerId, java.util.function.IntSupplier generation) {
    this.statuses = statuses;
    this.workerId = workerId;
    this.generation = generation;
  }

  @Override
  public void onTaskState(TaskId task, StatusState state, Throwable error) {
    TaskStatus status =
        new TaskStatus(task, state, trace(error), workerId, generation(state), null);
    (safe(state) ? statuses.putSafe(status) : statuses.put(status))
        .exceptionally(e -> logFailure("task " + task, e));
  }

  @Override
  public void onConnectorState(String connector, StatusState state, Throwable error) {
    ConnectorStatus status =
        new ConnectorStatus(connector, state, trace(error), workerId, generation(state), null);
    (safe(state) ? statuses.putSafe(status) : statuses.put(status))
        .exceptionally(e -> logFailure("connector " + connector, e));
  }

  @Override
  public void onTopicUsed(TaskId task, String topic) {
    statuses
        .put(new TopicStatus(topic, task.connector(), task.task(), System.currentTimeMillis()))
        .exceptionally(e -> logFailure("topic " + topic + " of " + task, e));
  }

  /**
   * The generation to write: an {@code UNASSIGNED} is reported for work this worker owned in an
   * earlier generation than the current one (it stops work it lost), so it must not win over a new
   * owner's status of the current generation.
   */
  /** A stop or a failure may come from a worker that lost the work: it must not win. */
  private static boolean safe(StatusState state) {
    return state == StatusState.UNASSIGNED || state == StatusState.FAILED;
  }

  private int generation(StatusState state) {
    int current = generation.getAsInt();
    return state == StatusState.UNASSIGNED ? current - 1 : current;
  }

  private static Void logFailure(String what, Throwable e) {
    log.error("cannot record the status of {}", what, e);
    return null;
  }

  static String trace(Throwable error) {
    if (error == null) {
      return null;
    }
    StringWriter out = new StringWriter();
    error.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
