package dev.wharf.connect.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An immutable view of the config topic at one point: connector configs, their target states and
 * their committed task configs. {@link #offset()} is the position in the config topic the view
 * reflects (workers compare it to agree on which configs an assignment is based on). A connector
 * whose latest task commit could not be matched with a complete set of task configs (possible after
 * compaction) is {@link #inconsistent inconsistent} and reports no tasks until its tasks are
 * written again.
 */
public final class ConfigSnapshot {
  private final long offset;
  private final Map<String, Map<String, String>> connectorConfigs;
  private final Map<String, TargetState> targetStates;
  private final Map<String, Integer> taskCounts;
  private final Map<TaskId, Map<String, String>> taskConfigs;
  private final Set<String> inconsistent;
  private final Fencing fencing;

  /**
   * What the config topic says about KIP-618 fencing: the last {@code tasks-fencing-<name>} task
   * count per connector, how many task commits each connector has seen (its task generation), and
   * which connectors had task configs committed after their last task count record.
   */
  record Fencing(
      Map<String, Integer> taskCountRecords,
      Map<String, Integer> taskGenerations,
      Set<String> pendingFencing) {
    Fencing {
      taskCountRecords = Map.copyOf(taskCountRecords);
      taskGenerations = Map.copyOf(taskGenerations);
      pendingFencing = Set.copyOf(pendingFencing);
    }
  }

  ConfigSnapshot(
      long offset,
      Map<String, Map<String, String>> connectorConfigs,
      Map<String, TargetState> targetStates,
      Map<String, Integer> taskCounts,
      Map<TaskId, Map<String, String>> taskConfigs,
      Set<String> inconsistent,
      Fencing fencing) {
    this.offset = offset;
    this.connectorConfigs = Map.copyOf(connectorConfigs);
    this.targetStates = Map.copyOf(targetStates);
    this.taskCounts = Map.copyOf(taskCounts);
    this.taskConfigs = Map.copyOf(taskConfigs);
    this.inconsistent = Set.copyOf(inconsistent);
    this.fencing = fencing;
  }

  /**
   * The task count of the connector's last {@code tasks-fencing-<name>} record: how many task
   * transactional ids of it may have producers that a fencing round must fence. Empty when none was
   * written (no exactly-once task of it ever started).
   */
  public Optional<Integer> taskCountRecord(String connector) {
    return Optional.ofNullable(fencing.taskCountRecords().get(connector));
  }

  /** Whether task configs were committed after the last fencing round of the connector. */
  public boolean pendingFencing(String connector) {
    return fencing.pendingFencing().contains(connector);
  }

  /** How many task config commits of the connector this view has read; changes with each one. */
  public int taskGeneration(String connector) {
    return fencing.taskGenerations().getOrDefault(connector, 0);
  }

  /** The offset of the next config topic record, i.e. how much of the topic this view reflects. */
  public long offset() {
    return offset;
  }

  /** Names of all existing connectors, sorted. */
  public Set<String> connectors() {
    return Collections.unmodifiableSet(new TreeSet<>(connectorConfigs.keySet()));
  }

  public boolean contains(String connector) {
    return connectorConfigs.containsKey(connector);
  }

  /** The connector's config as submitted (config provider placeholders unresolved). */
  public Optional<Map<String, String>> connectorConfig(String connector) {
    return Optional.ofNullable(connectorConfigs.get(connector));
  }

  /** The target state of an existing connector; {@code STARTED} unless someone changed it. */
  public Optional<TargetState> targetState(String connector) {
    return contains(connector)
        ? Optional.of(targetStates.getOrDefault(connector, TargetState.STARTED))
        : Optional.empty();
  }

  /** Number of tasks in the connector's latest task commit; 0 when none was committed. */
  public int taskCount(String connector) {
    return contains(connector) ? taskCounts.getOrDefault(connector, 0) : 0;
  }

  /** The connector's tasks in order, empty while it is {@link #inconsistent()}. */
  public List<TaskId> tasks(String connector) {
    if (!contains(connector) || inconsistent.contains(connector)) {
      return List.of();
    }
    List<TaskId> tasks = new ArrayList<>();
    for (int task = 0; task < taskCount(connector); task++) {
      tasks.add(new TaskId(connector, task));
    }
    return List.copyOf(tasks);
  }

  /** The connector's committed task configs, by task number. */
  public List<Map<String, String>> taskConfigs(String connector) {
    List<Map<String, String>> configs = new ArrayList<>();
    for (TaskId task : tasks(connector)) {
      configs.add(taskConfigs.get(task));
    }
    return List.copyOf(configs);
  }

  public Optional<Map<String, String>> taskConfig(TaskId task) {
    return tasks(task.connector()).contains(task)
        ? Optional.ofNullable(taskConfigs.get(task))
        : Optional.empty();
  }

  /** Connectors whose committed task configs are incomplete and must be regenerated. */
  public Set<String> inconsistent() {
    return inconsistent;
  }
}
