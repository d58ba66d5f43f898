package dev.wharf.connect.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.connect.plugins.Plugins;
import dev.wharf.connect.storage.FileOffsetStore;
import dev.wharf.connect.storage.StatusState;
import dev.wharf.connect.storage.TargetState;
import dev.wharf.connect.storage.TaskId;
import dev.wharf.connect.testing.CommittingSourceTask;
import dev.wharf.connect.testing.CountingSourceConnector;
import dev.wharf.connect.testing.CountingSourceTask;
import dev.wharf.connect.testing.RecordingSinkConnector;
import dev.wharf.connect.testing.RecordingSinkTask;
import dev.wharf.connect.testing.Topics;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The worker's task runners against a real broker, without herder or REST. */
@ExtendWith(SharedKafkaBroker.class)
class WorkerTest {
  private static final AtomicInteger UNIQUE = new AtomicInteger();
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final EmbeddedKafkaBroker broker;
  private FileOffsetStore offsets;
  private final RecordingStatus status = new RecordingStatus();
  private Worker worker;

  WorkerTest(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  @BeforeEach
  void startWorker(@TempDir Path dir) {
    offsets = new FileOffsetStore(dir.resolve("offsets"));
    offsets.start();
    worker = newWorker();
  }

  @AfterEach
  void stopWorker() {
    worker.close();
  }

  private Worker newWorker() {
    Map<String, String> config = new HashMap<>();
    config.put("bootstrap.servers", broker.bootstrapServers());
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    return new Worker(
        config, Plugins.load(List.of()), offsets, status, new WorkerSettings(200, 5000, true));
  }

  @Test
  void sourceRecordsArriveAndAStoppedTaskResumesAfterItsLastOffset() {
    String topic = "source-" + UNIQUE.incrementAndGet();
    TaskId id = new TaskId("counter", 0);
    worker.startTask(id, connector("counter"), sourceTask(topic, 50), TargetState.STARTED);
    await().atMost(WAIT).until(() -> readAll(topic).size() == 50);
    await()
        .atMost(WAIT)
        .until(
            () ->
                offsets.offset("counter", CountingSourceTask.PARTITION) != null
                    && ((Number) offsets.offset("counter", CountingSourceTask.PARTITION).get("n"))
                            .intValue()
                        == 49);

    worker.stopTasks(List.of(id));
    worker.startTask(id, connector("counter"), sourceTask(topic, 80), TargetState.STARTED);

    await().atMost(WAIT).until(() -> readAll(topic).size() >= 80);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      expected.add("value-" + i);
    }
    assertThat(readAll(topic)).containsExactlyElementsOf(expected);
  }

  @Test
  void aSourceTaskThatCommitsRecordsIsToldTheOffsetOfEveryRecord() {
    String topic = "committing-" + UNIQUE.incrementAndGet();
    TaskId id = new TaskId("committing", 0);
    Map<String, String> task = sourceTask(topic, 30);
    task.put(Worker.TASK_CLASS, CommittingSourceTask.class.getName());

    worker.startTask(id, connector("committing"), task, TargetState.STARTED);

    await().atMost(WAIT).until(() -> CommittingSourceTask.committed(topic).size() == 30);
    Map<Object, Long> expected = new HashMap<>();
    for (long i = 0; i < 30; i++) {
      expected.put("value-" + i, i);
    }
    assertThat(CommittingSourceTask.committed(topic)).isEqualTo(expected);
    // A task without commitRecord is not called: its records are not kept until acknowledged.
    assertThat(SourceTaskRunner.commitsRecords(CountingSourceTask.class)).isFalse();
    assertThat(SourceTaskRunner.commitsRecords(CommittingSourceTask.class)).isTrue();
  }

  /**
   * The worker polls a source task one batch ahead: a batch polled but not yet sent when the task
   * stops is dropped, and must be read again after the restart rather than lost.
   */
  @Test
  void aTaskStoppedMidStreamLosesNoRecordPolledAhead() {
    String topic = "ahead-" + UNIQUE.incrementAndGet();
    TaskId id = new TaskId("ahead", 0);
    Map<String, String> task = sourceTask(topic, 1_000_000);
    task.put("poll.sleep.ms", "5");
    worker.startTask(id, connector("ahead"), task, TargetState.STARTED);
    await().atMost(WAIT).until(() -> readAll(topic).size() >= 300);
    worker.stopTasks(List.of(id));

    int total = readAll(topic).size() + 200;
    worker.startTask(id, connector("ahead"), sourceTask(topic, total), TargetState.STARTED);

    List<String> expected = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      expected.add("value-" + i);
    }
    // At least once: a record sent before the stop may come again, but none may be missing.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(new java.util.TreeSet<>(readAll(topic))).containsAll(expected));
  }

  @Test
  void aTaskThatThrowsInPollIsFailedWithItsCause() {
    String topic = "failing-" + UNIQUE.incrementAndGet();
    TaskId id = new TaskId("breaks", 0);
    Map<String, String> task = sourceTask(topic, 100);
    task.put("fail.at", "5");

    worker.startTask(id, connector("breaks"), task, TargetState.STARTED);

    await().atMost(WAIT).until(() -> status.task(id) == StatusState.FAILED);
    assertThat(status.tasks.get(id).error()).hasMessage("counter broke at 5");
  }

  @Test
  void pausedSourceTaskStopsProducingAndResumesWhereItWas() {
    String topic = "paused-" + UNIQUE.incrementAndGet();
    TaskId id = new TaskId("pausing", 0);
    Map<String, String> task = sourceTask(topic, 1_000_000);
    task.put("batch", "1");
    worker.startTask(id, connector("pausing"), task, TargetState.PAUSED);
    await().atMost(WAIT).until(() -> status.task(id) == StatusState.PAUSED);
    assertThat(readAll(topic)).isEmpty();

    worker.setTaskTargetState(id, TargetState.STARTED);

    await().atMost(WAIT).until(() -> status.task(id) == StatusState.RUNNING);
    await().atMost(WAIT).until(() -> readAll(topic).size() >= 5);
  }

  @Test
  void sinkTaskReceivesRecordsAndCommitsTheirOffsets() throws Exception {
    String topic = "sink-" + UNIQUE.incrementAndGet();
    produce(topic, "a", "b", "c");
    String recorder = UUID.randomUUID().toString();
    TaskId id = new TaskId("recorder-" + recorder, 0);

    worker.startTask(id, connector(id.connector()), sinkTask(topic, recorder), TargetState.STARTED);

    await().atMost(WAIT).until(() -> RecordingSinkTask.recorded(recorder).size() == 3);
    assertThat(RecordingSinkTask.recorded(recorder))
        .extracting(SinkRecord::value)
        .containsExactly("a", "b", "c");
    await()
        .atMost(WAIT)
        .until(() -> committed("connect-" + id.connector(), new TopicPartition(topic, 0)) == 3);
  }

  @Test
  void sinkTaskContextRewindsAndRequestsCommits() throws Exception {
    worker.close();
    Map<String, String> config = new HashMap<>();
    config.put("bootstrap.servers", broker.bootstrapServers());
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    // Offsets would not be committed for ten minutes unless the task asks.
    worker =
        new Worker(
            config,
            Plugins.load(List.of()),
            offsets,
            status,
            new WorkerSettings(600_000, 5000, true));
    String topic = "context-" + UNIQUE.incrementAndGet();
    produce(topic, "a", "b", "c");
    String recorder = UUID.randomUUID().toString();
    TaskId id = new TaskId("context-" + recorder, 0);
    Map<String, String> task = sinkTask(topic, recorder);
    task.put("rewind.once", "true");
    task.put("request.commit", "true");

    worker.startTask(id, connector(id.connector()), task, TargetState.STARTED);

    await().atMost(WAIT).until(() -> RecordingSinkTask.recorded(recorder).size() == 6);
    assertThat(RecordingSinkTask.recorded(recorder))
        .extracting(SinkRecord::value)
        .containsExactly("a", "b", "c", "a", "b", "c");
    await()
        .atMost(WAIT)
        .until(() -> committed("connect-" + id.connector(), new TopicPartition(topic, 0)) == 3);
  }

  @Test
  void retriableExceptionRedeliversTheSameBatchAfterTheContextTimeout() throws Exception {
    String topic = "retry-" + UNIQUE.incrementAndGet();
    produce(topic, "a", "b", "c");
    String recorder = UUID.randomUUID().toString();
    TaskId id = new TaskId("retry-" + recorder, 0);
    Map<String, String> task = sinkTask(topic, recorder);
    task.put("retry.timeout.ms", "1500");

    worker.startTask(id, connector(id.connector()), task, TargetState.STARTED);

    await().atMost(WAIT).until(() -> RecordingSinkTask.recorded(recorder).size() == 3);
    assertThat(RecordingSinkTask.recorded(recorder))
        .extracting(SinkRecord::value)
        .containsExactly("a", "b", "c");
    List<Long> puts = RecordingSinkTask.putTimes(recorder);
    assertThat(puts).hasSizeGreaterThanOrEqualTo(2);
    assertThat(puts.get(1) - puts.get(0))
        .as("ms between refused and retried put")
        .isGreaterThanOrEqualTo(1500);
    assertThat(status.task(id)).isEqualTo(StatusState.RUNNING);
    await()
        .atMost(WAIT)
        .until(() -> committed("connect-" + id.connector(), new TopicPartition(topic, 0)) == 3);
  }

  @Test
  void partitionsPausedByTheTaskStayPausedUntilItResumesThem() throws Exception {
    String topic = "pausing-partitions-" + UNIQUE.incrementAndGet();
    Topics.create(broker.bootstrapServers(), topic, 2);
    produceTo(topic, 0, "x1", "x2", "x3");
    produceTo(topic, 1, "y1", "y2");
    String recorder = UUID.randomUUID().toString();
    TaskId id = new TaskId("pauser-" + recorder, 0);
    Map<String, String> task = sinkTask(topic, recorder);
    task.put("pause.partition", "0");
    task.put("resume.on", "go");

    worker.startTask(id, connector(id.connector()), task, TargetState.STARTED);
    await().atMost(WAIT).until(() -> recordedValues(recorder).size() >= 2);
    // Pausing and resuming the whole task must not resume what the task itself paused.
    worker.setTaskTargetState(id, TargetState.PAUSED);
    await().atMost(WAIT).until(() -> status.task(id) == StatusState.PAUSED);
    worker.setTaskTargetState(id, TargetState.STARTED);
    await().atMost(WAIT).until(() -> status.task(id) == StatusState.RUNNING);
    produceTo(topic, 1, "y3");
    await().atMost(WAIT).until(() -> recordedValues(recorder).contains("y3"));
    assertThat(recordedValues(recorder)).containsExactly("y1", "y2", "y3");

    produceTo(topic, 1, "go");

    await().atMost(WAIT).until(() -> recordedValues(recorder).size() == 7);
    assertThat(recordedValues(recorder)).containsExactly("y1", "y2", "y3", "go", "x1", "x2", "x3");
    await()
        .atMost(WAIT)
        .until(() -> committed("connect-" + id.connector(), new TopicPartition(topic, 0)) == 3);
  }

  @Test
  void topicsRegexSubscribesToMatchingTopicsIncludingNewOnes() throws Exception {
    worker.close();
    Map<String, String> config = new HashMap<>();
    config.put("bootstrap.servers", broker.bootstrapServers());
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    // A pattern subscription sees new topics at its metadata refresh (5 minutes by default).
    config.put("consumer.metadata.max.age.ms", "500");
    worker =
        new Worker(
            config, Plugins.load(List.of()), offsets, status, new WorkerSettings(200, 5000, true));
    String base = "regex-" + UNIQUE.incrementAndGet();
    produce(base + "-orders", "o1", "o2");
    produce(base + "-payments", "p1");
    produce(base + "x-other", "not me");
    String recorder = UUID.randomUUID().toString();
    TaskId id = new TaskId("regex-" + recorder, 0);
    Map<String, String> task = sinkTask(null, recorder);
    task.remove("topics");
    task.put("topics.regex", base + "-.*");

    worker.startTask(id, connector(id.connector()), task, TargetState.STARTED);
    await().atMost(WAIT).until(() -> recordedValues(recorder).size() >= 3);
    produce(base + "-refunds", "r1");

    await().atMost(WAIT).until(() -> recordedValues(recorder).contains("r1"));
    assertThat(RecordingSinkTask.recorded(recorder))
        .extracting(r -> r.topic() + ":" + r.value())
        .containsExactlyInAnyOrder(
            base + "-orders:o1", base + "-orders:o2", base + "-payments:p1", base + "-refunds:r1");
    await()
        .atMost(WAIT)
        .until(
            () ->
                committed("connect-" + id.connector(), new TopicPartition(base + "-orders", 0)) == 2
                    && committed(
                            "connect-" + id.connector(), new TopicPartition(base + "-refunds", 0))
                        == 1);
  }

  @Test
  void poisonRecordGoesToTheDeadLetterQueueWithContextHeaders() throws Exception {
    String topic = "poison-" + UNIQUE.incrementAndGet();
    String dlq = topic + "-dlq";
    produce(topic, "{\"a\":1}", "not json", "{\"a\":2}");
    String recorder = UUID.randomUUID().toString();
    TaskId id = new TaskId("dlq-" + recorder, 0);
    Map<String, String> connector = connector(id.connector());
    connector.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    connector.put("value.converter.schemas.enable", "false");
    connector.put("errors.tolerance", "all");
    connector.put("errors.deadletterqueue.topic.name", dlq);
    connector.put("errors.deadletterqueue.topic.replication.factor", "1");
    connector.put("errors.deadletterqueue.context.headers.enable", "true");

    worker.startTask(id, connector, sinkTask(topic, recorder), TargetState.STARTED);

    await().atMost(WAIT).until(() -> RecordingSinkTask.recorded(recorder).size() == 2);
    assertThat(RecordingSinkTask.recorded(recorder))
        .extracting(SinkRecord::value)
        .containsExactly(Map.of("a", 1L), Map.of("a", 2L));
    List<ConsumerRecord<String, String>> dead = new ArrayList<>();
    await()
        .atMost(WAIT)
        .until(
            () -> {
              dead.clear();
              dead.addAll(readRecords(dlq));
              return dead.size() == 1;
            });
    ConsumerRecord<String, String> poison = dead.get(0);
    assertThat(poison.value()).isEqualTo("not json");
    assertThat(header(poison, "__connect.errors.topic")).isEqualTo(topic);
    assertThat(header(poison, "__connect.errors.offset")).isEqualTo("1");
    assertThat(header(poison, "__connect.errors.stage")).isEqualTo("VALUE_CONVERTER");
    assertThat(header(poison, "__connect.errors.connector.name")).isEqualTo(id.connector());
    assertThat(header(poison, "__connect.errors.exception.class.name"))
        .isEqualTo("org.apache.kafka.connect.errors.DataException");
    await()
        .atMost(WAIT)
        .until(() -> committed("connect-" + id.connector(), new TopicPartition(topic, 0)) == 3);
  }

  @Test
  void transformAppliesOnlyWhereItsPredicateSaysSo() throws Exception {
    String prefix = "pred" + UNIQUE.incrementAndGet();
    produce(prefix + "-a", "1");
    produce(prefix + "-b", "2");
    String recorder = UUID.randomUUID().toString();
    TaskId id = new TaskId("route-" + recorder, 0);
    Map<String, String> connector = connector(id.connector());
    connector.put("transforms", "route");
    connector.put("transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter");
    connector.put("transforms.route.regex", prefix + "-(.*)");
    connector.put("transforms.route.replacement", "renamed-$1");
    connector.put("transforms.route.predicate", "isB");
    connector.put("transforms.route.negate", "true");
    connector.put("predicates", "isB");
    connector.put(
        "predicates.isB.type", "org.apache.kafka.connect.transforms.predicates.TopicNameMatches");
    connector.put("predicates.isB.pattern", prefix + "-b");
    Map<String, String> task = sinkTask(prefix + "-a," + prefix + "-b", recorder);

    worker.startTask(id, connector, task, TargetState.STARTED);

    await().atMost(WAIT).until(() -> RecordingSinkTask.recorded(recorder).size() == 2);
    assertThat(RecordingSinkTask.recorded(recorder))
        .extracting(SinkRecord::topic)
        .containsExactlyInAnyOrder("renamed-a", prefix + "-b");
  }

  @Test
  void sourceTopicsAreCreatedByTheirTopicCreationGroup() throws Exception {
    String prefix = "created" + UNIQUE.incrementAndGet();
    Map<String, String> connector = connector("counter-" + prefix);
    connector.put("topic.creation.default.replication.factor", "1");
    connector.put("topic.creation.default.partitions", "3");
    connector.put("topic.creation.groups", "short");
    connector.put("topic.creation.short.include", ".*-short");
    connector.put("topic.creation.short.partitions", "2");
    connector.put("topic.creation.short.retention.ms", "3600000");

    worker.startTask(
        new TaskId(connector.get("name"), 0),
        connector,
        sourceTask(prefix + "-plain", 3),
        TargetState.STARTED);
    worker.startTask(
        new TaskId(connector.get("name"), 1),
        connector,
        sourceTask(prefix + "-short", 3),
        TargetState.STARTED);

    await()
        .atMost(WAIT)
        .until(
            () -> readAll(prefix + "-plain").size() == 3 && readAll(prefix + "-short").size() == 3);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      Map<String, org.apache.kafka.clients.admin.TopicDescription> topics =
          admin.describeTopics(List.of(prefix + "-plain", prefix + "-short")).allTopicNames().get();
      assertThat(topics.get(prefix + "-plain").partitions()).hasSize(3);
      assertThat(topics.get(prefix + "-short").partitions()).hasSize(2);
      org.apache.kafka.common.config.ConfigResource resource =
          new org.apache.kafka.common.config.ConfigResource(
              org.apache.kafka.common.config.ConfigResource.Type.TOPIC, prefix + "-short");
      assertThat(
              admin
                  .describeConfigs(List.of(resource))
                  .all()
                  .get()
                  .get(resource)
                  .get("retention.ms")
                  .value())
          .isEqualTo("3600000");
    }
  }

  @Test
  void clientOverridesThePolicyRefusesFailTheTaskWithTheReason() {
    worker.close();
    Map<String, String> config = new HashMap<>();
    config.put("bootstrap.servers", broker.bootstrapServers());
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("connector.client.config.override.policy", "None");
    worker =
        new Worker(
            config, Plugins.load(List.of()), offsets, status, new WorkerSettings(200, 5000, true));
    TaskId id = new TaskId("counter-refused", 0);
    Map<String, String> connector = connector(id.connector());
    connector.put("producer.override.linger.ms", "50");

    worker.startTask(id, connector, sourceTask("refused", 3), TargetState.STARTED);

    await().atMost(WAIT).until(() -> status.task(id) == StatusState.FAILED);
    assertThat(status.tasks.get(id).error()).hasMessageContaining("linger.ms");
  }

  @Test
  void aDisallowedJaasLoginModuleInAnOverrideFailsTheTask() {
    TaskId id = new TaskId("counter-jndi", 0);
    Map<String, String> connector = connector(id.connector());
    connector.put("producer.override.security.protocol", "SASL_PLAINTEXT");
    connector.put("producer.override.sasl.mechanism", "PLAIN");
    connector.put(
        "producer.override.sasl.jaas.config",
        "com.sun.security.auth.module.JndiLoginModule required user.provider.url=\"ldap://127.0.0.1:1/x\";");

    worker.startTask(id, connector, sourceTask("jndi", 3), TargetState.STARTED);

    await().atMost(WAIT).until(() -> status.task(id) == StatusState.FAILED);
    assertThat(rootMessages(status.tasks.get(id).error())).contains("JndiLoginModule");
  }

  private static String rootMessages(Throwable error) {
    StringBuilder messages = new StringBuilder();
    for (Throwable t = error; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append('\n');
    }
    return messages.toString();
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static Map<String, String> connector(String name) {
    Map<String, String> config = new HashMap<>();
    config.put("name", name);
    config.put(
        "connector.class",
        name.startsWith("counter") || name.startsWith("breaks") || name.startsWith("pausing")
            ? CountingSourceConnector.class.getName()
            : RecordingSinkConnector.class.getName());
    return config;
  }

  private static Map<String, String> sourceTask(String topic, int count) {
    Map<String, String> config = new HashMap<>();
    config.put(Worker.TASK_CLASS, CountingSourceTask.class.getName());
    config.put("topic", topic);
    config.put("count", String.valueOf(count));
    return config;
  }

  private static Map<String, String> sinkTask(String topics, String recorder) {
    Map<String, String> config = new HashMap<>();
    config.put(Worker.TASK_CLASS, RecordingSinkTask.class.getName());
    config.put("topics", topics);
    config.put("recorder", recorder);
    return config;
  }

  private long committed(String group, TopicPartition partition) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      OffsetAndMetadata offset =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get()
              .get(partition);
      return offset == null ? -1 : offset.offset();
    }
  }

  private void produceTo(String topic, int partition, String... values) {
    Map<String, Object> props =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      for (String value : values) {
        producer.send(new ProducerRecord<>(topic, partition, null, value));
      }
      producer.flush();
    }
  }

  private static List<Object> recordedValues(String recorder) {
    return RecordingSinkTask.recorded(recorder).stream().map(SinkRecord::value).toList();
  }

  private void produce(String topic, String... values) {
    Topics.produce(broker.bootstrapServers(), topic, values);
  }

  private List<String> readAll(String topic) {
    return Topics.values(broker.bootstrapServers(), topic);
  }

  /** Everything in {@code topic} right now, read without a consumer group. */
  private List<ConsumerRecord<String, String>> readRecords(String topic) {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic, Duration.ofSeconds(10))
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
          && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      return records;
    }
    return records;
  }
}
