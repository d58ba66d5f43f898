package dev.wharf.connect.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.wharf.connect.ConnectRuntime;
import dev.wharf.connect.herder.ZombieFencer;
import dev.wharf.connect.testing.Http;
import dev.wharf.connect.testing.ReconfigurableSourceConnector;
import dev.wharf.connect.testing.Topics;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * KIP-618 zombie fencing in a cluster: a new generation of an exactly-once source connector's tasks
 * starts only after the leader fenced every transactional id of the previous one and wrote {@code
 * tasks-fencing-<name>}, and {@code PUT /connectors/{name}/fence} reaches the leader from any
 * worker.
 */
@ExtendWith(SharedKafkaBroker.class)
class ZombieFencingTest {
  private static final Duration WAIT = Duration.ofSeconds(90);

  private final EmbeddedKafkaBroker broker;

  ZombieFencingTest(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  @Test
  void aNewTaskCountFencesEveryProducerOfThePreviousGeneration() throws Exception {
    String name = "fenced-" + UUID.randomUUID();
    String topic = "fenced-" + UUID.randomUUID();
    try (ConnectCluster cluster =
        new ConnectCluster(broker, Map.of("exactly.once.source.support", "enabled"))) {
      cluster.start();
      cluster.start();
      Http http = cluster.http(cluster.follower());
      ReconfigurableSourceConnector.setTasks(name, 3);
      create(http, name, topic, "3");
      await().atMost(WAIT).until(() -> ConnectCluster.runningTasks(http, name).size() == 3);
      await().atMost(WAIT).until(() -> lastTaskCountAfterLastCommit(cluster, name) == 3);

      // A task instance of this generation left behind on a lost worker: it still has an open
      // transaction (its initTransactions fences the real task 2, as a newer instance would).
      try (KafkaProducer<String, String> zombie =
          ConnectCluster.transactionalProducer(broker, taskTransactionalId(cluster, name, 2))) {
        zombie.initTransactions();
        zombie.beginTransaction();
        zombie.send(new ProducerRecord<>(topic + "-2", "zombie")).get();

        ReconfigurableSourceConnector.setTasks(name, 1);
        await().atMost(WAIT).until(() -> lastTaskCountAfterLastCommit(cluster, name) == 1);
        await()
            .atMost(WAIT)
            .until(
                () ->
                    http.get("/connectors/" + name + "/tasks").json().size() == 1
                        && ConnectCluster.runningTasks(http, name).size() == 1);

        assertThatThrownBy(zombie::commitTransaction)
            .isInstanceOfAny(ProducerFencedException.class, InvalidProducerEpochException.class);
      }
      assertThat(ConnectCluster.committedValues(broker, topic + "-2")).doesNotContain("zombie");
      await()
          .atMost(WAIT)
          .until(() -> !ConnectCluster.committedValues(broker, topic + "-0").isEmpty());
    }
  }

  @Test
  void aFencingRequestToAFollowerRunsOnTheLeader() throws Exception {
    String name = "follower-fence-" + UUID.randomUUID();
    String topic = "follower-fence-" + UUID.randomUUID();
    // Without exactly-once on the workers no task asks for rounds: this test alone does.
    try (ConnectCluster cluster = new ConnectCluster(broker, Map.of())) {
      cluster.start();
      cluster.start();
      ConnectRuntime follower = cluster.follower();
      Http http = cluster.http(follower);
      ReconfigurableSourceConnector.setTasks(name, 2);
      create(http, name, topic, "2");
      await().atMost(WAIT).until(() -> ConnectCluster.runningTasks(http, name).size() == 2);
      // The first round has nothing to fence; it records the task count.
      assertThat(fence(cluster, follower, name)).isEqualTo(204);
      assertThat(lastTaskCountAfterLastCommit(cluster, name)).isEqualTo(2);

      ReconfigurableSourceConnector.setTasks(name, 1);
      await()
          .atMost(WAIT)
          .until(() -> http.get("/connectors/" + name + "/tasks").json().size() == 1);
      assertThat(lastTaskCountAfterLastCommit(cluster, name)).isEqualTo(-1);
      try (KafkaProducer<String, String> zombie =
          ConnectCluster.transactionalProducer(broker, taskTransactionalId(cluster, name, 1))) {
        zombie.initTransactions();
        zombie.beginTransaction();
        zombie.send(new ProducerRecord<>(topic + "-1", "zombie")).get();

        assertThat(fence(cluster, follower, name)).isEqualTo(204);

        assertThat(lastTaskCountAfterLastCommit(cluster, name)).isEqualTo(1);
        assertThatThrownBy(zombie::commitTransaction)
            .isInstanceOfAny(ProducerFencedException.class, InvalidProducerEpochException.class);
      }
      assertThat(fence(cluster, follower, "missing")).isEqualTo(404);
    }
  }

  /** A signed {@code PUT /connectors/{name}/fence}, as another worker sends it. */
  private int fence(ConnectCluster cluster, ConnectRuntime worker, String name) throws Exception {
    return cluster
        .signed(broker, worker, "PUT", "/connectors/" + name + "/fence", new byte[0])
        .statusCode();
  }

  private static void create(Http http, String name, String topic, String tasks) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", ReconfigurableSourceConnector.class.getName());
    config.put("topic", topic);
    config.put("tasks.max", tasks);
    config.put("count", "1000000");
    config.put("batch", "5");
    config.put("poll.sleep.ms", "50");
    Http.Response created = http.post("/connectors", Map.of("name", name, "config", config));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  /**
   * The task count of the connector's last {@code tasks-fencing-<name>} record in the config topic
   * if it comes after its last task commit, else -1 (a round is due).
   */
  private int lastTaskCountAfterLastCommit(ConnectCluster cluster, String name) {
    int count = -1;
    for (ConsumerRecord<String, String> record :
        Topics.records(broker.bootstrapServers(), cluster.property("config.storage.topic"))) {
      if (("commit-" + name).equals(record.key())) {
        count = -1;
      } else if (("tasks-fencing-" + name).equals(record.key())) {
        count = Integer.parseInt(record.value().replaceAll("[^0-9]", ""));
      }
    }
    return count;
  }

  /** Apache's transactional id of an exactly-once source task. */
  private static String taskTransactionalId(ConnectCluster cluster, String connector, int task) {
    return ZombieFencer.transactionalId(cluster.property("group.id"), connector, task);
  }
}
