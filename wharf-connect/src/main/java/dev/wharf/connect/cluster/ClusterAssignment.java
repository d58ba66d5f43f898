package dev.wharf.connect.cluster;

import dev.wharf.connect.storage.TaskId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The whole cluster's assignment as the leader computed it in one rebalance; every member gets the
 * same copy, so any worker can name the owner of any connector or task and the leader's URL. Owners
 * are worker ids; work absent from the maps is unassigned (held for a worker that may come back, or
 * waiting for its old owner to release it).
 *
 * @param generation the group generation it belongs to
 * @param leaderId the worker id of the leader, the single writer of the config topic
 * @param urls each member's REST URL, by worker id
 * @param connectors the owner of each assigned connector
 * @param tasks the owner of each assigned task, by {@code connector-n}
 * @param revoking whether some work was taken from its owner to be placed in the next round; the
 *     members that lost work then ask for that round once they have stopped it
 */
record ClusterAssignment(
    int generation,
    String leaderId,
    Map<String, String> urls,
    Map<String, String> connectors,
    Map<String, String> tasks,
    boolean revoking) {

  static final ClusterAssignment EMPTY =
      new ClusterAssignment(-1, null, Map.of(), Map.of(), Map.of(), false);

  ClusterAssignment {
    urls = Map.copyOf(urls);
    connectors = Map.copyOf(connectors);
    tasks = Map.copyOf(tasks);
  }

  ClusterAssignment withGeneration(int value) {
    return new ClusterAssignment(value, leaderId, urls, connectors, tasks, revoking);
  }

  Optional<String> leaderUrl() {
    return leaderId == null ? Optional.empty() : Optional.ofNullable(urls.get(leaderId));
  }

  Optional<String> connectorOwnerUrl(String connector) {
    return Optional.ofNullable(connectors.get(connector)).map(urls::get);
  }

  Optional<String> taskOwnerUrl(TaskId task) {
    return Optional.ofNullable(tasks.get(task.toString())).map(urls::get);
  }

  List<String> connectorsOf(String workerId) {
    return List.copyOf(keysOwnedBy(connectors, workerId));
  }

  List<String> tasksOf(String workerId) {
    return List.copyOf(keysOwnedBy(tasks, workerId));
  }

  private static TreeSet<String> keysOwnedBy(Map<String, String> owners, String workerId) {
    TreeSet<String> result = new TreeSet<>();
    new TreeMap<>(owners)
        .forEach(
            (key, owner) -> {
              if (owner.equals(workerId)) {
                result.add(key);
              }
            });
    return result;
  }
}
