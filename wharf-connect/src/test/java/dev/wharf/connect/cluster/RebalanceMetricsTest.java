package dev.wharf.connect.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.connect.ConnectConfig;
import dev.wharf.connect.ConnectRuntime;
import dev.wharf.connect.testing.CountingSourceConnector;
import dev.wharf.connect.testing.Http;
import dev.wharf.core.metrics.PrometheusText;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache's {@code connect-worker-rebalance-metrics} and worker startup counts on {@code GET
 * /metrics}, scraped as Prometheus would and parsed strictly: they follow the group on every worker
 * of a cluster, and a standalone worker, which never rebalances, still has every series.
 */
@ExtendWith(SharedKafkaBroker.class)
class RebalanceMetricsTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String REBALANCE = "kafka_connect_worker_rebalance_";
  private static final String COMPLETED = REBALANCE + "completed_rebalances_total";
  private static final String REBALANCING = REBALANCE + "rebalancing";
  private static final String EPOCH = REBALANCE + "epoch";
  private static final String LEADER = REBALANCE + "leader_name";
  private static final String AVG = REBALANCE + "rebalance_avg_time_ms";
  private static final String MAX = REBALANCE + "rebalance_max_time_ms";
  private static final String SINCE = REBALANCE + "time_since_last_rebalance_ms";

  private final EmbeddedKafkaBroker broker;

  RebalanceMetricsTest(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  @Test
  void everyWorkerCountsTheRoundsAndReportsTheGroupGenerationAndLeader() {
    try (ConnectCluster cluster = new ConnectCluster(broker, Map.of())) {
      ConnectRuntime first = cluster.start();
      Http firstHttp = cluster.http(first);
      await()
          .atMost(WAIT)
          .untilAsserted(() -> assertSettled(first, scrape(firstHttp), cluster.workers()));
      PrometheusText alone = scrape(firstHttp);
      double roundsAlone = alone.value(COMPLETED, Map.of());
      double epochAlone = alone.value(EPOCH, Map.of());

      ConnectRuntime second = cluster.start();

      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                PrometheusText a = scrape(firstHttp);
                PrometheusText b = scrape(cluster.http(second));
                assertSettled(first, a, cluster.workers());
                assertSettled(second, b, cluster.workers());
                // One group, one generation: both workers adopted the same round.
                assertThat(a.value(EPOCH, Map.of())).isEqualTo(b.value(EPOCH, Map.of()));
                assertThat(a.value(COMPLETED, Map.of())).isGreaterThan(roundsAlone);
                assertThat(a.value(EPOCH, Map.of())).isGreaterThan(epochAlone);
              });
      PrometheusText metrics = scrape(firstHttp);
      assertThat(metrics.type(COMPLETED)).contains("counter");
      assertThat(metrics.value(MAX, Map.of()))
          .isGreaterThanOrEqualTo(metrics.value(AVG, Map.of()))
          .isGreaterThanOrEqualTo(0);
      double since = metrics.value(SINCE, Map.of());
      assertThat(since).isGreaterThanOrEqualTo(0).isLessThan(WAIT.toMillis() * 3);
    }
  }

  @Test
  void aStandaloneWorkerHasEverySeriesAndCountsStartups(@TempDir Path dir) {
    Map<String, String> worker = new HashMap<>();
    worker.put("bootstrap.servers", broker.bootstrapServers());
    worker.put("listeners", "http://127.0.0.1:0");
    worker.put("offset.storage.file.filename", dir.resolve("offsets").toString());
    worker.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    worker.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    try (ConnectRuntime runtime = ConnectRuntime.standalone(ConnectConfig.parse("test", worker))) {
      Http http = new Http(runtime.url());
      PrometheusText before = scrape(http);
      assertThat(before.value(COMPLETED, Map.of())).isZero();
      assertThat(before.value(REBALANCING, Map.of())).isZero();
      assertThat(before.value(EPOCH, Map.of())).isZero();
      assertThat(before.value(AVG, Map.of())).isNaN();
      assertThat(before.value(MAX, Map.of())).isNaN();
      assertThat(before.value(SINCE, Map.of())).isInfinite().isPositive();
      assertThat(before.find(LEADER, Map.of())).isEmpty();
      for (String kind : List.of("connector", "task")) {
        for (String count : List.of("attempts", "success", "failure")) {
          assertThat(before.value(startups(kind, count), Map.of())).as(kind + count).isZero();
        }
      }

      Map<String, String> good = new HashMap<>();
      good.put("connector.class", CountingSourceConnector.class.getName());
      good.put("topic", "rebalance-metrics-" + UUID.randomUUID());
      good.put("count", "10");
      Map<String, String> bad = new HashMap<>(good);
      bad.put("fail.on.start", "true");
      assertThat(http.post("/connectors", Map.of("name", "good", "config", good)).status())
          .isEqualTo(201);
      assertThat(http.post("/connectors", Map.of("name", "bad", "config", bad)).status())
          .isEqualTo(201);

      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                PrometheusText m = scrape(http);
                assertThat(m.value(startups("connector", "attempts"), Map.of())).isEqualTo(2);
                assertThat(m.value(startups("connector", "success"), Map.of())).isEqualTo(1);
                assertThat(m.value(startups("connector", "failure"), Map.of())).isEqualTo(1);
                assertThat(m.value(startups("task", "attempts"), Map.of())).isEqualTo(1);
                assertThat(m.value(startups("task", "success"), Map.of())).isEqualTo(1);
                assertThat(m.value(startups("task", "failure"), Map.of())).isZero();
                assertThat(m.value("kafka_connect_worker_connector_count", Map.of())).isEqualTo(2);
                assertThat(m.value("kafka_connect_worker_task_count", Map.of())).isEqualTo(1);
              });
      assertThat(scrape(http).value(COMPLETED, Map.of())).isZero();
    }
  }

  /** At rest after a round: not rebalancing, epoch the generation, the leader named. */
  private static void assertSettled(
      ConnectRuntime worker, PrometheusText metrics, List<ConnectRuntime> workers) {
    Membership membership = worker.membership().orElseThrow();
    assertThat(metrics.value(COMPLETED, Map.of())).isGreaterThanOrEqualTo(1);
    assertThat(metrics.value(REBALANCING, Map.of())).isZero();
    assertThat(metrics.value(EPOCH, Map.of())).isEqualTo(membership.generation());
    assertThat(membership.members()).hasSameSizeAs(workers);
    String leaderId =
        workers.stream()
            .map(w -> w.membership().orElseThrow())
            .filter(Membership::isLeader)
            .map(Membership::workerId)
            .findFirst()
            .orElseThrow();
    assertThat(metrics.find(LEADER, Map.of()))
        .singleElement()
        .satisfies(
            sample -> {
              assertThat(sample.labels()).containsEntry("leader", "http://" + leaderId);
              assertThat(sample.value()).isEqualTo(1);
            });
  }

  private static String startups(String kind, String count) {
    return "kafka_connect_worker_" + kind + "_startup_" + count + "_total";
  }

  private static PrometheusText scrape(Http http) {
    Http.Response response = http.get("/metrics");
    assertThat(response.status()).isEqualTo(200);
    return PrometheusText.parse(response.body());
  }
}
