package dev.wharf.connect.storage;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Where workers report the state of connectors and tasks and the topics connectors use, readable by
 * every worker so any of them can answer a status request. Each write's future completes once this
 * store's own view shows it (a skipped safe write completes at once). A status with state {@code
 * DESTROYED} deletes the entry; deleting a connector's status deletes its tasks' too.
 */
public interface StatusStore extends AutoCloseable {

  /** Loads the statuses stored so far. */
  void start();

  CompletableFuture<Void> put(ConnectorStatus status);

  /**
   * Writes unless another worker holds the status with a newer generation; used for transitions a
   * worker that lost its work must not overwrite (such as its late {@code UNASSIGNED}).
   */
  CompletableFuture<Void> putSafe(ConnectorStatus status);

  CompletableFuture<Void> put(TaskStatus status);

  /** As {@link #putSafe(ConnectorStatus)}, for a task. */
  CompletableFuture<Void> putSafe(TaskStatus status);

  /** Records that a connector uses a topic (KIP-558). */
  CompletableFuture<Void> put(TopicStatus status);

  /** Forgets that a connector used a topic ({@code PUT /connectors/{name}/topics/reset}). */
  CompletableFuture<Void> deleteTopic(String connector, String topic);

  Optional<ConnectorStatus> connector(String connector);

  Optional<TaskStatus> task(TaskId task);

  /** Statuses of the connector's tasks, by task number. */
  List<TaskStatus> tasks(String connector);

  /** Connectors with a status, sorted. */
  Set<String> connectors();

  /** Topics the connector has used, by name. */
  List<TopicStatus> topics(String connector);

  /** Completes once the view includes every status written before the call. */
  CompletableFuture<Void> refresh();

  @Override
  void close();
}
