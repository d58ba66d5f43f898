package dev.wharf.registry.election;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's membership in the registry group ({@code schema.registry.group.id}): a consumer
 * that joins the group, subscribed to the schemas topic but never reading it, whose rebalances run
 * {@link LeaderAssignor}. When a member joins or leaves (or stops heartbeating) the group
 * rebalances and every member learns the new leader. Only the leader writes to the schemas topic;
 * the others forward writes to it.
 */
public final class LeaderElection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

  private final String id = UUID.randomUUID().toString();
  private final boolean eligible;
  private volatile MemberIdentity identity;
  private final Map<String, Object> settings;
  private final String topic;
  private final Object monitor = new Object();
  private KafkaConsumer<byte[], byte[]> consumer;
  private Thread thread;
  private volatile boolean running;
  private volatile URI leader;
  private volatile String problem = "no leader elected yet";
  private boolean joined;
  private volatile int term;

  /**
   * @param clientSettings bootstrap servers and security for the group's consumer
   * @param groupId the registry group, shared by every instance serving the same topic
   * @param eligible whether this instance may lead ({@code leader.eligibility})
   */
  public LeaderElection(
      Map<String, Object> clientSettings, String groupId, String topic, boolean eligible) {
    this.eligible = eligible;
    this.topic = topic;
    this.settings = new HashMap<>(clientSettings);
    settings.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    settings.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
    settings.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, LeaderAssignor.class.getName());
    settings.put(LeaderAssignor.ELECTION_ID, id);
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    settings.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
  }

  MemberIdentity identity() {
    return identity;
  }

  /**
   * Joins the group as the instance serving at {@code url} (as the others should reach it); returns
   * once a leader is known, or throws after {@code timeout}.
   */
  public void start(URI url, Duration timeout) {
    identity = new MemberIdentity(url, eligible);
    LeaderAssignor.register(id, this);
    consumer =
        new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(
        List.of(topic),
        new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {}

          @Override
          public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
            // Membership is all this consumer is for: never fetch the topic through it.
            consumer.pause(partitions);
          }
        });
    running = true;
    thread = new Thread(this::run, "schema-registry-election-" + identity.url().getPort());
    thread.setDaemon(true);
    thread.start();
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      while (!joined) {
        long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remaining <= 0) {
          throw new IllegalStateException(
              "Could not join the Schema Registry group within "
                  + timeout.toMillis()
                  + " ms: "
                  + problem);
        }
        try {
          monitor.wait(remaining);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while electing a leader", e);
        }
      }
    }
  }

  private void run() {
    try {
      while (running) {
        consumer.poll(Duration.ofMillis(500));
      }
    } catch (WakeupException e) {
      // close() woke the consumer up.
    } catch (RuntimeException e) {
      LOG.error("Schema Registry group membership stopped", e);
      elected(null, "membership failed: " + e.getMessage(), -1);
    }
  }

  /** Called by the assignor with the outcome of a rebalance. */
  void elected(String leaderUrl, String error, int generation) {
    synchronized (monitor) {
      leader = leaderUrl == null ? null : URI.create(leaderUrl);
      problem = error == null ? "no eligible member" : error;
      joined = true;
      term++;
      monitor.notifyAll();
    }
    LOG.info(
        "Schema Registry group generation {}: leader {}{}",
        generation,
        leaderUrl,
        error == null ? "" : " (" + error + ")");
  }

  /** A number that changes with every election this instance takes part in. */
  public int term() {
    return term;
  }

  /** The leader's URL, or null while none is known. */
  public URI leader() {
    return leader;
  }

  public boolean isLeader() {
    MemberIdentity self = identity;
    return self != null && self.url().equals(leader);
  }

  /** Why there is no leader, when there is none. */
  public String problem() {
    return problem;
  }

  /** Leaves the group, so that the others elect a new leader at once. */
  @Override
  public void close() {
    running = false;
    leader = null;
    if (consumer != null) {
      consumer.wakeup();
    }
    if (thread != null) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (consumer != null) {
      consumer.close();
      consumer = null;
    }
    LeaderAssignor.unregister(id);
  }
}
