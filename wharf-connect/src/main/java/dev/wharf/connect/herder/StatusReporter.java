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

  public StatusReporter(StatusStore statuses, String workerId) {
    this.statuses = statuses;
    this.workerId = workerId;
  }

  @Override
  public void onTaskState(TaskId task, StatusState state, Throwable error) {
    statuses
        .put(new TaskStatus(task, state, trace(error), workerId, 0, null))
        .exceptionally(e -> logFailure("task " + task, e));
  }

  @Override
  public void onConnectorState(String connector, StatusState state, Throwable error) {
    statuses
        .put(new ConnectorStatus(connector, state, trace(error), workerId, 0, null))
        .exceptionally(e -> logFailure("connector " + connector, e));
  }

  @Override
  public void onTopicUsed(TaskId task, String topic) {
    statuses
        .put(new TopicStatus(topic, task.connector(), task.task(), System.currentTimeMillis()))
        .exceptionally(e -> logFailure("topic " + topic + " of " + task, e));
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
