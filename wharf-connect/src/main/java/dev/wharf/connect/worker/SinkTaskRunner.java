package dev.wharf.connect.worker;

import dev.wharf.connect.metrics.TaskMetrics;
import dev.wharf.connect.storage.TargetState;
import dev.wharf.connect.storage.TaskId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one sink task on its own thread: consume in group {@code connect-<connector>}, convert,
 * transform, {@code put()}; on {@code offset.flush.interval.ms} or a requested commit ask {@code
 * preCommit()} which offsets are safe and commit those. A {@link RetriableException} from put keeps
 * the batch and retries it after the task's timeout; pause and resume map to the consumer's.
 */
final class SinkTaskRunner extends TaskRunner {
  private static final Logger log = LoggerFactory.getLogger(SinkTaskRunner.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

  private final SinkTask task;
  private final Map<String, String> config;
  private final TaskContexts.Sink context;
  private final TransformationChain<SinkRecord> transforms;
  private final RecordConverters converters;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final ErrorHandler errors;
  private final DeadLetterQueue deadLetters;
  private final long commitIntervalMs;
  private final Map<TopicPartition, OffsetAndMetadata> consumed = new HashMap<>();
  private final Set<TopicPartition> pausedByTask = new HashSet<>();
  private List<SinkRecord> retryBatch;
  private long retryAt;
  private long nextCommit;
  private boolean consumerPaused;

  SinkTaskRunner(
      TaskId id,
      SinkTask task,
      Map<String, String> config,
      TaskContexts.Sink context,
      TransformationChain<SinkRecord> transforms,
      RecordConverters converters,
      KafkaConsumer<byte[], byte[]> consumer,
      ErrorHandler errors,
      DeadLetterQueue deadLetters,
      WorkerSettings settings,
      StatusListener status,
      TargetState initial,
      ClassLoader loader,
      TaskMetrics metrics) {
    super(id, status, initial, loader, metrics);
    this.task = task;
    this.config = config;
    this.context = context;
    this.transforms = transforms;
    this.converters = converters;
    this.consumer = consumer;
    this.errors = errors;
    this.deadLetters = deadLetters;
    this.commitIntervalMs = settings.offsetFlushIntervalMs();
    context.attach(this);
  }

  @Override
  void initializeAndStart() {
    task.initialize(context);
    task.start(config);
    Listener listener = new Listener();
    String regex = config.get(SinkTask.TOPICS_REGEX_CONFIG);
    if (regex != null && !regex.isBlank()) {
      consumer.subscribe(Pattern.compile(regex.trim()), listener);
    } else {
      List<String> topics = new ArrayList<>();
      for (String topic : config.getOrDefault(SinkTask.TOPICS_CONFIG, "").split(",")) {
        if (!topic.isBlank()) {
          topics.add(topic.trim());
        }
      }
      consumer.subscribe(topics, listener);
    }
    nextCommit = System.currentTimeMillis() + commitIntervalMs;
  }

  @Override
  void iterate() {
    if (consumerPaused) {
      resumeConsumer();
    }
    applyRewinds();
    if (context.takeCommitRequest() || System.currentTimeMillis() >= nextCommit) {
      commitOffsets();
    }
    if (retryBatch != null) {
      retryPut();
      return;
    }
    ConsumerRecords<byte[], byte[]> records;
    try {
      records = consumer.poll(POLL_TIMEOUT);
    } catch (WakeupException e) {
      return; // stop() or pause() woke the poll up
    }
    recordLag();
    if (records.isEmpty()) {
      // As Apache does: an empty put() lets tasks do time-based work (write out buffers, rotate).
      deliver(List.of());
      return;
    }
    metrics().recordsRead(records.count());
    List<SinkRecord> batch = new ArrayList<>(records.count());
    for (TopicPartition partition : records.partitions()) {
      topicUsed(partition.topic());
      List<ConsumerRecord<byte[], byte[]>> fetched = records.records(partition);
      for (ConsumerRecord<byte[], byte[]> record : fetched) {
        SinkRecord converted = convertAndTransform(record);
        if (converted != null) {
          batch.add(converted);
        }
      }
      long next = fetched.get(fetched.size() - 1).offset() + 1;
      consumed.put(partition, new OffsetAndMetadata(next));
    }
    deliver(batch);
  }

  @Override
  void onPausedTick() {
    if (!consumerPaused) {
      consumer.pause(consumer.assignment());
      consumerPaused = true;
    }
    try {
      consumer.poll(Duration.ZERO); // keeps group membership alive while paused
    } catch (WakeupException e) {
      // stop requested
    }
    commitOffsets();
  }

  @Override
  void signalStop() {
    consumer.wakeup();
  }

  void pausePartitions(Set<TopicPartition> partitions) {
    pausedByTask.addAll(partitions);
    consumer.pause(partitions);
  }

  void resumePartitions(Set<TopicPartition> partitions) {
    pausedByTask.removeAll(partitions);
    if (!consumerPaused && retryBatch == null) {
      consumer.resume(partitions);
    }
  }

  private void resumeConsumer() {
    Set<TopicPartition> resume = new HashSet<>(consumer.assignment());
    resume.removeAll(pausedByTask);
    consumer.resume(resume);
    consumerPaused = false;
  }

  private SinkRecord convertAndTransform(ConsumerRecord<byte[], byte[]> record) {
    ProcessingContext processing = ProcessingContext.of(record);
    String topic = record.topic();
    SchemaAndValue key =
        errors.execute(
            ErrorHandler.Stage.KEY_CONVERTER,
            converters.keyClass(),
            processing,
            () -> converters.key().toConnectData(topic, record.headers(), record.key()));
    if (key == null) {
      return null;
    }
    SchemaAndValue value =
        errors.execute(
            ErrorHandler.Stage.VALUE_CONVERTER,
            converters.valueClass(),
            processing,
            () -> converters.value().toConnectData(topic, record.headers(), record.value()));
    if (value == null) {
      return null;
    }
    ConnectHeaders headers =
        errors.execute(
            ErrorHandler.Stage.HEADER_CONVERTER,
            converters.header().getClass(),
            processing,
            () -> converters.toConnectHeaders(topic, record.headers()));
    if (headers == null) {
      return null;
    }
    Long timestamp = record.timestamp() >= 0 ? record.timestamp() : null;
    SinkRecord sinkRecord =
        new SinkRecord(
            topic,
            record.partition(),
            key.schema(),
            key.value(),
            value.schema(),
            value.value(),
            record.offset(),
            timestamp,
            record.timestampType(),
            headers);
    return transforms.apply(sinkRecord, errors, processing);
  }

  private void deliver(List<SinkRecord> batch) {
    try {
      long start = System.nanoTime();
      task.put(batch);
      if (!batch.isEmpty()) {
        metrics().recordsPut(batch.size(), System.nanoTime() - start);
      }
    } catch (RetriableException e) {
      long timeout = context.timeoutMs();
      log.warn("{}: put() asked to retry in {} ms: {}", id(), Math.max(timeout, 0), e.getMessage());
      retryBatch = batch;
      retryAt = System.currentTimeMillis() + Math.max(timeout, 0);
      consumer.pause(consumer.assignment());
    }
  }

  private void retryPut() {
    long wait = retryAt - System.currentTimeMillis();
    if (wait > 0) {
      try {
        consumer.poll(Duration.ofMillis(Math.min(wait, POLL_TIMEOUT.toMillis())));
      } catch (WakeupException e) {
        return;
      }
      return;
    }
    List<SinkRecord> batch = retryBatch;
    retryBatch = null;
    Set<TopicPartition> resume = new HashSet<>(consumer.assignment());
    resume.removeAll(pausedByTask);
    consumer.resume(resume);
    deliver(batch);
  }

  private void applyRewinds() {
    Map<TopicPartition, Long> rewinds = context.takeRewinds();
    rewinds.forEach(
        (partition, offset) -> {
          if (consumer.assignment().contains(partition)) {
            consumer.seek(partition, offset);
            consumed.put(partition, new OffsetAndMetadata(offset));
          }
        });
  }

  /** The lag of each owned partition as the consumer knows it after this poll; no broker call. */
  private void recordLag() {
    for (TopicPartition partition : consumer.assignment()) {
      java.util.OptionalLong lag = consumer.currentLag(partition);
      if (lag.isPresent()) {
        metrics().lag(partition, lag.getAsLong());
      }
    }
  }

  /** Commits what preCommit() allows, for partitions this task still owns. */
  private void commitOffsets() {
    nextCommit = System.currentTimeMillis() + commitIntervalMs;
    if (consumed.isEmpty()) {
      return;
    }
    if (deadLetters != null) {
      deadLetters.flush(); // a skipped record is safe only once its DLQ copy is
    }
    Map<TopicPartition, OffsetAndMetadata> safe = task.preCommit(new HashMap<>(consumed));
    if (safe == null || safe.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> owned = new HashMap<>(safe);
    owned.keySet().retainAll(consumer.assignment());
    if (!owned.isEmpty()) {
      try {
        try {
          consumer.commitSync(owned);
        } catch (WakeupException e) {
          consumer.commitSync(owned);
        }
        metrics().offsetCommit(true);
      } catch (RuntimeException e) {
        log.warn("{}: offset commit failed; retried at the next commit", id(), e);
        metrics().offsetCommit(false);
      }
    }
  }

  @Override
  void stopAndCleanUp(boolean failed) {
    try {
      if (!failed && retryBatch == null) {
        commitOffsets();
      }
      Set<TopicPartition> assigned = new HashSet<>(consumer.assignment());
      if (!assigned.isEmpty()) {
        task.close(assigned);
      }
    } catch (RuntimeException e) {
      log.error("{}: error while closing partitions", id(), e);
    } finally {
      try {
        task.stop();
      } catch (RuntimeException e) {
        log.error("{}: stop() failed", id(), e);
      }
      Utils.closeQuietly(consumer, "consumer of " + id());
      Utils.closeQuietly(deadLetters, "dead letter queue of " + id());
      transforms.close();
      converters.close();
      Utils.closeQuietly(context, "context of " + id());
    }
  }

  /** Calls open()/close() on the task as partitions move, committing before they leave. */
  private final class Listener implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      if (retryBatch == null) {
        commitOffsets();
      }
      task.close(partitions);
      partitions.forEach(consumed::remove);
      metrics().partitionsRevoked(partitions);
      pausedByTask.removeAll(partitions);
      context.assignment(consumer.assignment());
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      Set<TopicPartition> all = new HashSet<>(consumer.assignment());
      context.assignment(all);
      for (TopicPartition partition : partitions) {
        consumed.put(partition, new OffsetAndMetadata(consumer.position(partition)));
      }
      task.open(partitions);
      if (consumerPaused || retryBatch != null) {
        consumer.pause(partitions);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      metrics().partitionsRevoked(partitions);
      task.close(partitions);
      partitions.forEach(consumed::remove);
      context.assignment(consumer.assignment());
    }
  }
}
