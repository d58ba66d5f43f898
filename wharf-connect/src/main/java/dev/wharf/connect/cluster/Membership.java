package dev.wharf.connect.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.connect.herder.Cluster;
import dev.wharf.connect.storage.ConfigSnapshot;
import dev.wharf.connect.storage.ConfigStore;
import dev.wharf.connect.storage.TaskId;
import dev.wharf.core.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupAssignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This worker's membership in its Connect cluster: a Kafka consumer in group {@code group.id}
 * (classic protocol) whose only job is the group protocol. Kafka's group coordinator decides who is
 * in the cluster and who leads; the leader's {@link WorkerAssignor} computes the assignment with
 * the {@link Balancer} and every member adopts its share through the herder. One thread owns the
 * consumer: it polls, applies assignments (blocking until revoked work has stopped, then asking for
 * the follow-up round), and, on the leader, asks for a rebalance when the configured work changes
 * or held work of a vanished worker falls due.
 */
public final class Membership implements Cluster, AutoCloseable {
  static final String CONFIG_KEY = "wharf.cluster.membership";
  private static final Logger log = LoggerFactory.getLogger(Membership.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final long APPLY_TIMEOUT_MS = 90_000;
  private static final long LEAVE_TIMEOUT_MS = 20_000;

  private enum Stop {
    NONE,
    LEAVE,
    CRASH
  }

  private final String workerId;
  private final String url;
  private final String topic;
  private final ConfigStore configs;
  private final Balancer balancer;
  private final PeerClient peers = new PeerClient();
  private final Map<String, Object> consumerConfig;
  private final CountDownLatch firstAssignment = new CountDownLatch(1);
  private final AtomicReference<ClusterAssignment> received = new AtomicReference<>();
  private final List<RebalanceListener> rebalanceListeners = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile ClusterAssignment current = ClusterAssignment.EMPTY;
  private volatile Stop stop = Stop.NONE;
  private volatile boolean leaving;
  // Membership thread only: this worker stopped all its work to leave; its subscription says so.
  private boolean handedOver;
  private volatile long recheckAtMs = Long.MAX_VALUE;
  private volatile Set<String> plannedWork = Set.of();
  private BiFunction<Set<String>, Set<TaskId>, CompletableFuture<Void>> apply;
  // Membership thread only.
  private boolean rebalancePending;
  // Membership thread only: the consumer builds its JoinGroup and calls the assignor on the
  // polling thread. A rebalance asked for while a round is in flight is lost: the consumer clears
  // its rejoin flag when that round's SyncGroup completes, yet the round's JoinGroup carried the
  // state from before the request. So each request for a round that must see this worker's new
  // state (it leaves, it released work) is counted, each JoinGroup records the count it carried,
  // and a round that carried an older count is followed by another request.
  private long stateRequests;
  private long stateRequestsJoined;
  private long stateRequestsInRound;
  // Membership thread only: when this worker's current round began (its first JoinGroup of the
  // round), so that a lost worker's hold counts from there; 0 outside a round.
  private long roundStartedMs;
  private volatile KafkaConsumer<byte[], byte[]> consumer;

  /**
   * @param client bootstrap servers and security settings of the worker's own clients
   * @param groupId the cluster's {@code group.id}
   * @param topic the config topic, which the group subscribes to (nothing is fetched)
   * @param timing session, heartbeat and rebalance timeouts and the grace period
   */
  public Membership(
      String workerId,
      String url,
      Map<String, Object> client,
      String groupId,
      String topic,
      ConfigStore configs,
      Timing timing) {
    this.workerId = workerId;
    this.url = url;
    this.topic = topic;
    this.configs = configs;
    // The hold counts from the start of the round that noticed a vanished worker (see Balancer).
    // That round starts a session timeout after the worker's last heartbeat plus up to one
    // heartbeat interval until the others hear of it, and the worker's last heartbeat came up to
    // one interval before the crash; the round that then places the held work needs up to another
    // interval to gather the members. Holding the work two heartbeat intervals less than the grace
    // period puts it on the others within session timeout plus grace period after the crash, the
    // promised bound (with one interval less it came out ~0.9 s over, measured).
    this.balancer = new Balancer(Math.max(0, timing.graceMs() - 2 * timing.heartbeatIntervalMs()));
    Map<String, Object> config = new HashMap<>(client);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "wharf-connect-member-" + workerId);
    config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, WorkerAssignor.class.getName());
    config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) timing.sessionTimeoutMs());
    config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) timing.heartbeatIntervalMs());
    config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) timing.rebalanceTimeoutMs());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(CONFIG_KEY, this);
    this.consumerConfig = config;
    this.thread = new Thread(this::run, "cluster-member");
    this.thread.setDaemon(true);
  }

  /** Timeouts of the group membership, under Apache's worker keys. */
  public record Timing(
      long sessionTimeoutMs, long heartbeatIntervalMs, long rebalanceTimeoutMs, long graceMs) {}

  /** Tells {@code listener} when each round starts and completes on this worker. */
  public void addRebalanceListener(RebalanceListener listener) {
    rebalanceListeners.add(listener);
  }

  /**
   * Joins the group; each assignment's share of this worker is handed to {@code apply}, whose
   * future completes once the worker runs exactly that share.
   */
  public void start(BiFunction<Set<String>, Set<TaskId>, CompletableFuture<Void>> apply) {
    this.apply = apply;
    thread.start();
  }

  /** Waits for the first assignment, so that the worker knows its leader before it serves. */
  public boolean awaitFirstAssignment(Duration timeout) throws InterruptedException {
    return firstAssignment.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void run() {
    try {
      consumer = new KafkaConsumer<>(consumerConfig);
      consumer.subscribe(List.of(topic));
      long leaveDeadline = Long.MAX_VALUE;
      while (stop != Stop.CRASH) {
        if (leaving && leaveDeadline == Long.MAX_VALUE) {
          leaveDeadline = System.currentTimeMillis() + LEAVE_TIMEOUT_MS;
          // Stop first, then say so: the others start the work only after this worker let go of
          // it, so its late UNASSIGNED cannot overwrite their RUNNING.
          runShare(Set.of(), Set.of());
          handedOver = true;
          requestRound("worker leaving");
        }
        if (System.currentTimeMillis() > leaveDeadline) {
          log.warn("worker {} leaves before the group took its work over", workerId);
          break;
        }
        consumer.poll(POLL);
        ClusterAssignment assignment = received.getAndSet(null);
        if (assignment != null) {
          if (stateRequestsInRound < stateRequests) {
            // The consumer joins on the next poll, after adopt, with the state as it is then.
            consumer.enforceRebalance("the last round missed this worker's new state");
          }
          adopt(assignment);
          if (leaving
              && assignment.connectorsOf(workerId).isEmpty()
              && assignment.tasksOf(workerId).isEmpty()) {
            break;
          }
        }
        if (!leaving && isLeader() && !rebalancePending && rebalanceDue()) {
          rebalancePending = true;
          consumer.enforceRebalance("connector work changed");
        }
      }
    } catch (WakeupException e) {
      // close() or crash() woke the thread up.
    } catch (RuntimeException e) {
      log.error("cluster membership of worker {} failed", workerId, e);
    } finally {
      if (consumer != null) {
        CloseOptions options =
            stop == Stop.CRASH
                ? CloseOptions.groupMembershipOperation(
                    CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP)
                : CloseOptions.groupMembershipOperation(
                    CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
        try {
          consumer.close(options.withTimeout(Duration.ofSeconds(10)));
        } catch (RuntimeException e) {
          log.warn("closing the group member of worker {} failed", workerId, e);
        }
      }
    }
  }

  private boolean rebalanceDue() {
    return System.currentTimeMillis() >= recheckAtMs
        || !work(configs.snapshot()).equals(plannedWork);
  }

  /** Makes the worker run its share, then asks for the next round if it released moved work. */
  private void adopt(ClusterAssignment assignment) {
    Set<String> before = new HashSet<>(current.connectorsOf(workerId));
    before.addAll(current.tasksOf(workerId));
    current = assignment;
    rebalancePending = false;
    Set<String> connectors = new HashSet<>(assignment.connectorsOf(workerId));
    Set<TaskId> tasks = new HashSet<>();
    assignment.tasksOf(workerId).forEach(t -> tasks.add(TaskId.parse(t)));
    log.info(
        "worker {} assigned connectors {} and tasks {} in generation {} (leader {})",
        workerId,
        connectors,
        tasks,
        assignment.generation(),
        assignment.leaderId());
    if (handedOver) {
      // A round that began before this worker said it leaves may still give it work: it stays
      // stopped and asks for the round that sees it leave.
      connectors.clear();
      tasks.clear();
    }
    if (runShare(connectors, tasks)) {
      // Only a round whose work now runs counts as completed; after a failure the worker stays
      // "rebalancing" for its observers until a later round succeeds.
      String leaderUrl = assignment.leaderUrl().orElse(null);
      rebalanceListeners.forEach(l -> l.onRebalanceCompleted(assignment.generation(), leaderUrl));
    }
    firstAssignment.countDown();
    Set<String> after = new HashSet<>(connectors);
    assignment.tasksOf(workerId).forEach(after::add);
    if (assignment.revoking() && !after.containsAll(before)) {
      requestRound("released work for the next round");
    }
  }

  /**
   * Makes the worker run exactly this share, waiting until work it no longer owns stopped; false
   * when that failed.
   */
  private boolean runShare(Set<String> connectors, Set<TaskId> tasks) {
    try {
      apply.apply(connectors, tasks).get(APPLY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WakeupException();
    } catch (Exception e) {
      log.error("worker {} could not adopt its assignment", workerId, e);
      return false;
    }
  }

  /** Asks for a round whose JoinGroup carries this worker's state as it is from now on. */
  private void requestRound(String reason) {
    stateRequests++;
    consumer.enforceRebalance(reason);
  }

  /** Called by the consumer each time it sends a join request, hence at the start of a round. */
  ByteBuffer subscriptionUserData() {
    if (roundStartedMs == 0) {
      roundStartedMs = System.currentTimeMillis();
    }
    stateRequestsJoined = stateRequests;
    rebalanceListeners.forEach(RebalanceListener::onRebalanceStarted);
    ClusterAssignment now = current;
    MemberState state =
        handedOver
            ? new MemberState(workerId, url, List.of(), List.of(), true)
            : new MemberState(
                workerId, url, now.connectorsOf(workerId), now.tasksOf(workerId), false);
    return ByteBuffer.wrap(write(state));
  }

  GroupAssignment assign(GroupSubscription group) {
    try {
      configs.refresh().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("leader {} assigns from a config snapshot that may be behind", workerId, e);
    }
    ConfigSnapshot snapshot = configs.snapshot();
    Map<String, MemberState> members = new LinkedHashMap<>();
    for (Map.Entry<String, Subscription> entry : group.groupSubscription().entrySet()) {
      MemberState state = read(entry.getValue().userData(), MemberState.class);
      members.put(state.workerId(), state);
    }
    List<String> connectors = new ArrayList<>(snapshot.connectors());
    List<String> tasks = new ArrayList<>();
    for (String name : connectors) {
      snapshot.tasks(name).forEach(t -> tasks.add(t.toString()));
    }
    Balancer.Plan plan =
        balancer.plan(
            current.generation() + 1,
            workerId,
            members,
            current,
            connectors,
            tasks,
            System.currentTimeMillis(),
            roundStartedMs);
    plannedWork = work(snapshot);
    recheckAtMs = plan.recheckAtMs();
    byte[] bytes = write(plan.assignment());
    Map<String, Assignment> result = new HashMap<>();
    for (String memberId : group.groupSubscription().keySet()) {
      result.put(memberId, new Assignment(List.of(), ByteBuffer.wrap(bytes)));
    }
    log.info(
        "leader {} assigned {} connectors and {} tasks to {} workers",
        workerId,
        connectors.size(),
        tasks.size(),
        members.size());
    return new GroupAssignment(result);
  }

  void onAssignment(Assignment assignment, int generation) {
    ClusterAssignment value = read(assignment.userData(), ClusterAssignment.class);
    stateRequestsInRound = stateRequestsJoined;
    roundStartedMs = 0;
    received.set(value.withGeneration(generation));
  }

  private static Set<String> work(ConfigSnapshot snapshot) {
    Set<String> work = new HashSet<>();
    for (String name : snapshot.connectors()) {
      work.add("connector " + name);
      snapshot.tasks(name).forEach(t -> work.add("task " + t));
    }
    return work;
  }

  private static byte[] write(Object value) {
    try {
      return Json.mapper().writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> T read(ByteBuffer buffer, Class<T> type) {
    ObjectMapper mapper = Json.mapper();
    try {
      return mapper.readValue(Utils.toArray(buffer.duplicate()), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The worker ids of the current assignment's members, for the API and tests. */
  public Set<String> members() {
    return current.urls().keySet();
  }

  public String workerId() {
    return workerId;
  }

  @Override
  public boolean isLeader() {
    return stop == Stop.NONE && workerId.equals(current.leaderId());
  }

  @Override
  public Optional<String> leaderUrl() {
    return current.leaderUrl();
  }

  @Override
  public Optional<String> connectorOwnerUrl(String connector) {
    return current.connectorOwnerUrl(connector);
  }

  @Override
  public Optional<String> taskOwnerUrl(TaskId task) {
    return current.taskOwnerUrl(task);
  }

  @Override
  public String selfUrl() {
    return url;
  }

  @Override
  public int generation() {
    return Math.max(current.generation(), 0);
  }

  @Override
  public CompletableFuture<Void> forwardTaskConfigs(
      String connector, List<Map<String, String>> taskConfigs) {
    return leaderUrl()
        .map(leader -> peers.putTaskConfigs(leader, connector, taskConfigs))
        .orElseGet(
            () ->
                CompletableFuture.failedFuture(
                    new IllegalStateException("no known leader to write task configs")));
  }

  @Override
  public CompletableFuture<Void> requestFencing(String connector) {
    return leaderUrl()
        .map(leader -> peers.fence(leader, connector))
        .orElseGet(
            () ->
                CompletableFuture.failedFuture(
                    new IllegalStateException(
                        "no known leader to fence the zombies of " + connector)));
  }

  @Override
  public CompletableFuture<Void> restartConnectorAt(String ownerUrl, String connector) {
    return peers.restartConnector(ownerUrl, connector);
  }

  @Override
  public CompletableFuture<Void> restartTaskAt(String ownerUrl, TaskId task) {
    return peers.restartTask(ownerUrl, task);
  }

  /** The client that forwards requests to other workers. */
  public PeerClient peers() {
    return peers;
  }

  /**
   * Leaves the group gracefully: stops this worker's work, asks for a round in which it holds
   * nothing (its work goes to the others at once), then leaves.
   */
  @Override
  public void close() {
    if (stop != Stop.NONE || !thread.isAlive()) {
      stop = stop == Stop.NONE ? Stop.LEAVE : stop;
      return;
    }
    leaving = true;
    stop = Stop.LEAVE;
    join(LEAVE_TIMEOUT_MS + 15_000);
  }

  /**
   * Simulates a crash for tests and benchmarks: stops heartbeating without leaving the group, so
   * the coordinator notices only when the session times out. The worker's tasks are not stopped.
   */
  public void crash() {
    stop = Stop.CRASH;
    if (consumer != null) {
      consumer.wakeup();
    }
    join(15_000);
  }

  private void join(long millis) {
    try {
      thread.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
