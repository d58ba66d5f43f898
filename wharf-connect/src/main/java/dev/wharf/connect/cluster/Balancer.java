package dev.wharf.connect.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The leader's assignment rule, a pure function of who is in the group, what they hold, the
 * previous assignment and the configured work. Connectors and tasks are balanced separately so that
 * each kind's per-worker counts differ by at most one. It is sticky and incremental: work stays
 * where it runs; a worker above its share gives up only its excess, which is left unassigned in
 * this round and placed in the next one, after its old owner has stopped it (the old owner asks for
 * that round). Work of a worker that vanished without leaving is held for {@code delayMs} in case
 * it comes back (it then gets the same work again), and placed on the others after that; the hold
 * counts from the start of the round that found it gone, not from when the leader assigns.
 */
final class Balancer {
  private final long delayMs;
  private final Map<String, Long> missingSince = new HashMap<>();

  Balancer(long delayMs) {
    this.delayMs = delayMs;
  }

  /** The result of one round: the new assignment and when the leader must look again. */
  record Plan(ClusterAssignment assignment, long recheckAtMs) {}

  Plan plan(
      int generation,
      String leaderId,
      Map<String, MemberState> members,
      ClusterAssignment previous,
      List<String> connectors,
      List<String> tasks,
      long nowMs,
      long roundStartMs) {
    // The members' joins, the leader's config refresh and the coordinator's sync take time that
    // the lost worker's absence already counts; without a known start the round starts now.
    long foundGoneMs = roundStartMs > 0 ? Math.min(roundStartMs, nowMs) : nowMs;
    Set<String> active = new HashSet<>();
    Map<String, String> urls = new TreeMap<>();
    for (MemberState member : members.values()) {
      if (!member.leaving()) {
        active.add(member.workerId());
        urls.put(member.workerId(), member.url());
      }
    }
    Set<String> present = new HashSet<>();
    members.values().forEach(m -> present.add(m.workerId()));
    missingSince.keySet().removeIf(present::contains);
    Set<String> held = new HashSet<>();
    long recheckAt = Long.MAX_VALUE;
    Set<String> previousOwners = new HashSet<>(previous.connectors().values());
    previousOwners.addAll(previous.tasks().values());
    for (String worker : previousOwners) {
      if (present.contains(worker)) {
        continue;
      }
      long since = missingSince.computeIfAbsent(worker, w -> foundGoneMs);
      if (nowMs - since < delayMs) {
        held.add(worker);
        recheckAt = Math.min(recheckAt, since + delayMs);
      }
    }
    missingSince.keySet().removeIf(w -> !previousOwners.contains(w));
    Map<String, String> reportedConnectors = new HashMap<>();
    Map<String, String> reportedTasks = new HashMap<>();
    for (MemberState member : members.values()) {
      member.connectors().forEach(c -> reportedConnectors.putIfAbsent(c, member.workerId()));
      member.tasks().forEach(t -> reportedTasks.putIfAbsent(t, member.workerId()));
    }
    Map<String, String> connectorOwners =
        balance(connectors, reportedConnectors, previous.connectors(), active, held);
    Map<String, String> taskOwners = balance(tasks, reportedTasks, previous.tasks(), active, held);
    boolean revoking =
        connectorOwners.size() < connectors.stream().distinct().count()
            || taskOwners.size() < tasks.stream().distinct().count();
    return new Plan(
        new ClusterAssignment(generation, leaderId, urls, connectorOwners, taskOwners, revoking),
        recheckAt);
  }

  /** Owners for one kind of work; held work keeps its absent owner's id. */
  static Map<String, String> balance(
      List<String> items,
      Map<String, String> reported,
      Map<String, String> previous,
      Set<String> active,
      Set<String> held) {
    Map<String, String> owners = new TreeMap<>();
    Map<String, String> heldItems = new TreeMap<>();
    List<String> unowned = new ArrayList<>();
    for (String item : items.stream().sorted().distinct().toList()) {
      String runner = reported.get(item);
      String before = previous.get(item);
      if (runner != null && active.contains(runner)) {
        owners.put(item, runner);
      } else if (before != null && active.contains(before)) {
        owners.put(item, before);
      } else if (before != null && held.contains(before)) {
        heldItems.put(item, before);
      } else {
        unowned.add(item);
      }
    }
    if (active.isEmpty()) {
      heldItems.putAll(owners);
      return heldItems;
    }
    Map<String, List<String>> byWorker = new LinkedHashMap<>();
    active.stream().sorted().forEach(w -> byWorker.put(w, new ArrayList<>()));
    owners.forEach((item, worker) -> byWorker.get(worker).add(item));
    int total = owners.size() + unowned.size();
    int base = total / active.size();
    int extra = total % active.size();
    List<String> byLoad = new ArrayList<>(byWorker.keySet());
    byLoad.sort(
        Comparator.comparing((String w) -> -byWorker.get(w).size())
            .thenComparing(Comparator.naturalOrder()));
    Map<String, Integer> quota = new HashMap<>();
    for (int i = 0; i < byLoad.size(); i++) {
      quota.put(byLoad.get(i), base + (i < extra ? 1 : 0));
    }
    for (Map.Entry<String, List<String>> entry : byWorker.entrySet()) {
      List<String> own = entry.getValue();
      int excess = own.size() - quota.get(entry.getKey());
      for (int i = 0; i < excess; i++) {
        // Revoked now, placed in the next round once its owner has stopped it.
        owners.remove(own.remove(own.size() - 1));
      }
    }
    for (String item : unowned) {
      String target =
          byWorker.entrySet().stream()
              .filter(e -> e.getValue().size() < quota.get(e.getKey()))
              .min(
                  Comparator.comparing((Map.Entry<String, List<String>> e) -> e.getValue().size())
                      .thenComparing(Map.Entry::getKey))
              .map(Map.Entry::getKey)
              .orElseThrow();
      byWorker.get(target).add(item);
      owners.put(item, target);
    }
    owners.putAll(heldItems);
    return owners;
  }
}
