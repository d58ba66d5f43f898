package dev.wharf.connect.herder;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The JSON bodies of the Connect REST API that describe connectors and tasks, in Apache's shape.
 */
public final class ConnectorViews {
  private ConnectorViews() {}

  /** {@code {"connector":"x","task":0}}. */
  public record TaskRef(String connector, int task) {}

  /** {@code GET /connectors/{name}}: name, config, tasks and type. */
  public record ConnectorInfo(
      String name, Map<String, String> config, List<TaskRef> tasks, String type) {}

  /** One entry of {@code GET /connectors/{name}/tasks}. */
  public record TaskInfo(TaskRef id, Map<String, String> config) {}

  /** The state of the connector itself within a status answer. */
  public record ConnectorState(
      String state,
      @JsonProperty("worker_id") String workerId,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) String trace) {}

  /** The state of one task within a status answer, or of {@code /tasks/{id}/status}. */
  public record TaskState(
      int id,
      String state,
      @JsonProperty("worker_id") String workerId,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) String trace) {}

  /** {@code GET /connectors/{name}/status}. */
  public record ConnectorStatus(
      String name, ConnectorState connector, List<TaskState> tasks, String type) {}

  /** Whether a PUT created the connector, and what it now is. */
  public record Upsert(boolean created, ConnectorInfo info) {}
}
