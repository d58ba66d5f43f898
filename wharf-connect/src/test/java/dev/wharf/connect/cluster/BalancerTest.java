package dev.wharf.connect.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The leader's assignment rule: even, sticky, incremental, and patient with vanished workers. */
class BalancerTest {
  private static final List<String> TASKS =
      IntStream.range(0, 7).mapToObj(i -> "c-" + i).collect(Collectors.toList());

  @Test
  void spreadsNewWorkEvenly() {
    Balancer.Plan plan =
        new Balancer(10_000)
            .plan(
                1, "a", members("a", "b", "c"), ClusterAssignment.EMPTY, List.of("c"), TASKS, 0, 0);

    assertThat(counts(plan.assignment().tasks()).values()).containsExactlyInAnyOrder(3, 2, 2);
    assertThat(plan.assignment().connectors()).hasSize(1);
    assertThat(plan.assignment().revoking()).isFalse();
  }

  @Test
  void aJoiningWorkerTakesOnlyTheExcessInTwoRounds() {
    Balancer balancer = new Balancer(10_000);
    ClusterAssignment first =
        balancer
            .plan(1, "a", members("a", "b"), ClusterAssignment.EMPTY, List.of(), TASKS, 0, 0)
            .assignment();
    Map<String, MemberState> three = membersHolding(first, "a", "b", "c");

    ClusterAssignment revoke =
        balancer.plan(2, "a", three, first, List.of(), TASKS, 0, 0).assignment();
    assertThat(revoke.revoking()).isTrue();
    assertThat(revoke.tasksOf("c")).isEmpty();
    revoke.tasks().forEach((task, owner) -> assertThat(first.tasks().get(task)).isEqualTo(owner));

    ClusterAssignment assign =
        balancer
            .plan(3, "a", membersHolding(revoke, "a", "b", "c"), revoke, List.of(), TASKS, 0, 0)
            .assignment();
    assertThat(assign.revoking()).isFalse();
    assertThat(counts(assign.tasks()).values()).containsExactlyInAnyOrder(3, 2, 2);
    long moved =
        TASKS.stream().filter(t -> !first.tasks().get(t).equals(assign.tasks().get(t))).count();
    assertThat(moved).isEqualTo(2);
  }

  @Test
  void holdsAVanishedWorkersTasksForTheGracePeriodAndGivesThemBack() {
    Balancer balancer = new Balancer(10_000);
    ClusterAssignment before =
        balancer
            .plan(1, "a", members("a", "b", "c"), ClusterAssignment.EMPTY, List.of(), TASKS, 0, 0)
            .assignment();
    List<String> ofC = before.tasksOf("c");

    Balancer.Plan held =
        balancer.plan(
            2, "a", membersHolding(before, "a", "b"), before, List.of(), TASKS, 1_000, 1_000);
    assertThat(held.recheckAtMs()).isEqualTo(11_000);
    assertThat(held.assignment().tasksOf("a")).isEqualTo(before.tasksOf("a"));
    assertThat(held.assignment().tasksOf("c")).isEqualTo(ofC);
    assertThat(held.assignment().taskOwnerUrl(dev.wharf.connect.storage.TaskId.parse(ofC.get(0))))
        .isEmpty();

    Map<String, MemberState> back = membersHolding(held.assignment(), "a", "b");
    back.put("c", new MemberState("c", "http://c", List.of(), List.of(), false));
    ClusterAssignment returned =
        balancer.plan(3, "a", back, held.assignment(), List.of(), TASKS, 5_000, 5_000).assignment();
    assertThat(returned.tasks()).isEqualTo(before.tasks());
  }

  @Test
  void placesAVanishedWorkersTasksElsewhereAfterTheGracePeriod() {
    Balancer balancer = new Balancer(10_000);
    ClusterAssignment before =
        balancer
            .plan(1, "a", members("a", "b", "c"), ClusterAssignment.EMPTY, List.of(), TASKS, 0, 0)
            .assignment();
    ClusterAssignment held =
        balancer
            .plan(2, "a", membersHolding(before, "a", "b"), before, List.of(), TASKS, 0, 0)
            .assignment();

    ClusterAssignment after =
        balancer
            .plan(3, "a", membersHolding(held, "a", "b"), held, List.of(), TASKS, 10_000, 10_000)
            .assignment();

    assertThat(after.tasks()).hasSize(7).doesNotContainValue("c");
    assertThat(counts(after.tasks()).values()).containsExactlyInAnyOrder(4, 3);
  }

  @Test
  void theHoldOfAVanishedWorkersTasksCountsFromTheStartOfTheRoundThatFoundItGone() {
    Balancer balancer = new Balancer(10_000);
    ClusterAssignment before =
        balancer
            .plan(1, "a", members("a", "b", "c"), ClusterAssignment.EMPTY, List.of(), TASKS, 0, 0)
            .assignment();
    // The round began at 20 s; the leader assigns 2 s later.
    Balancer.Plan held =
        balancer.plan(
            2, "a", membersHolding(before, "a", "b"), before, List.of(), TASKS, 22_000, 20_000);
    assertThat(held.recheckAtMs()).isEqualTo(30_000);
    assertThat(held.assignment().tasksOf("c")).isNotEmpty();

    ClusterAssignment after =
        balancer
            .plan(
                3,
                "a",
                membersHolding(held.assignment(), "a", "b"),
                held.assignment(),
                List.of(),
                TASKS,
                30_000,
                29_000)
            .assignment();
    assertThat(after.tasks()).hasSize(7).doesNotContainValue("c");
  }

  @Test
  void aLeavingWorkersTasksMoveAtOnce() {
    Balancer balancer = new Balancer(10_000);
    ClusterAssignment before =
        balancer
            .plan(1, "a", members("a", "b", "c"), ClusterAssignment.EMPTY, List.of(), TASKS, 0, 0)
            .assignment();
    Map<String, MemberState> leaving = membersHolding(before, "a", "b", "c");
    MemberState c = leaving.get("c");
    leaving.put("c", new MemberState("c", c.url(), c.connectors(), c.tasks(), true));

    ClusterAssignment after =
        balancer.plan(2, "a", leaving, before, List.of(), TASKS, 0, 0).assignment();

    assertThat(after.tasksOf("c")).isEmpty();
    assertThat(after.tasks()).hasSize(7);
    assertThat(counts(after.tasks()).values()).containsExactlyInAnyOrder(4, 3);
  }

  private static Map<String, MemberState> members(String... ids) {
    Map<String, MemberState> members = new LinkedHashMap<>();
    for (String id : ids) {
      members.put(id, new MemberState(id, "http://" + id, List.of(), List.of(), false));
    }
    return members;
  }

  private static Map<String, MemberState> membersHolding(ClusterAssignment held, String... ids) {
    Map<String, MemberState> members = new LinkedHashMap<>();
    for (String id : ids) {
      members.put(
          id,
          new MemberState(
              id,
              "http://" + id,
              new ArrayList<>(held.connectorsOf(id)),
              new ArrayList<>(held.tasksOf(id)),
              false));
    }
    return members;
  }

  private static Map<String, Integer> counts(Map<String, String> owners) {
    Map<String, Integer> counts = new HashMap<>();
    owners.values().forEach(owner -> counts.merge(owner, 1, Integer::sum));
    return counts;
  }
}
