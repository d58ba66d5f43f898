package dev.wharf.connect.worker;

import dev.wharf.connect.metrics.TaskMetrics;
import dev.wharf.connect.storage.OffsetStore;
import dev.wharf.connect.storage.TargetState;
import dev.wharf.connect.storage.TaskId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one source task on its own thread: poll (one batch ahead, see {@link PollAhead}, unless
 * exactly-once), transform, convert, send with the task's own producer; on each acknowledgement
 * call {@code commitRecord}; every {@code offset.flush.interval.ms} write the offsets whose records
 * are all acknowledged, then call {@code commit()}. A failure in the task or a non-tolerated error
 * marks it FAILED with the cause.
 */
final class SourceTaskRunner extends TaskRunner {
  private static final Logger log = LoggerFactory.getLogger(SourceTaskRunner.class);

  private final SourceTask task;
  private final Map<String, String> config;
  private final TaskContexts.Source context;
  private final TransformationChain<SourceRecord> transforms;
  private final RecordConverters converters;
  private final KafkaProducer<byte[], byte[]> producer;
  private final OffsetStore offsets;
  private final ErrorHandler errors;
  private final TopicCreator topics;
  private final long flushIntervalMs;
  private final long flushTimeoutMs;
  private final SourceOffsetTracker tracker = new SourceOffsetTracker();
  private final java.util.concurrent.atomic.AtomicBoolean stopCalled =
      new java.util.concurrent.atomic.AtomicBoolean();
  private volatile Throwable producerFailure;
  private List<SourceRecord> unsent;
  private long nextFlush;
  // Exactly-once mode (null otherwise): the open transaction's records and offsets.
  private final ExactlyOnce exactlyOnce;
  private final TransactionRequests transactionRequests;
  private final List<SourceRecord> transactionRecords = new java.util.ArrayList<>();
  private final Map<SourceRecord, RecordMetadata> transactionAcks =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<Map<String, ?>, Map<String, ?>> transactionOffsets = new java.util.HashMap<>();
  private boolean inTransaction;
  // Without exactly-once: the task's next poll() runs while the previous records are sent.
  private final PollAhead pollAhead;
  private final boolean commitsRecords;

  SourceTaskRunner(
      TaskId id,
      SourceTask task,
      Map<String, String> config,
      TaskContexts.Source context,
      TransformationChain<SourceRecord> transforms,
      RecordConverters converters,
      KafkaProducer<byte[], byte[]> producer,
      OffsetStore offsets,
      ErrorHandler errors,
      TopicCreator topics,
      WorkerSettings settings,
      StatusListener status,
      TargetState initial,
      ClassLoader loader,
      ExactlyOnce exactlyOnce,
      TransactionRequests transactionRequests,
      TaskMetrics metrics) {
    super(id, status, initial, loader, metrics);
    this.exactlyOnce = exactlyOnce;
    this.transactionRequests = transactionRequests;
    this.task = task;
    this.config = config;
    this.context = context;
    this.transforms = transforms;
    this.converters = converters;
    this.producer = producer;
    this.offsets = offsets;
    this.errors = errors;
    this.topics = topics;
    this.flushIntervalMs = settings.offsetFlushIntervalMs();
    this.flushTimeoutMs = settings.offsetFlushTimeoutMs();
    // Transactions follow the polls one by one (boundaries, commits): those stay in step.
    this.pollAhead = exactlyOnce == null ? new PollAhead(id, task, loader, metrics) : null;
    this.commitsRecords = commitsRecords(task.getClass());
  }

  @Override
  void initializeAndStart() {
    if (exactlyOnce != null) {
      // Fences every earlier instance of this task: a zombie can no longer commit.
      producer.initTransactions();
    }
    task.initialize(context);
    task.start(config);
    nextFlush = System.currentTimeMillis() + flushIntervalMs;
  }

  @Override
  void iterate() throws InterruptedException {
    if (producerFailure != null) {
      throw new ConnectException(
          "Unrecoverable exception from producer send callback", producerFailure);
    }
    if (unsent == null && pollAhead != null) {
      unsent = pollAhead.take();
      if (!isStopping()) {
        pollAhead.start();
      }
    } else if (unsent == null) {
      long start = System.nanoTime();
      unsent = task.poll();
      if (unsent != null) {
        metrics().recordsPolled(unsent.size(), System.nanoTime() - start);
      }
    }
    if (exactlyOnce != null) {
      iterateTransactionally();
      return;
    }
    if (unsent != null) {
      sendAll();
    }
    if (System.currentTimeMillis() >= nextFlush) {
      commitOffsets();
      nextFlush = System.currentTimeMillis() + flushIntervalMs;
    }
  }

  @Override
  void onPausedTick() throws InterruptedException {
    if (exactlyOnce != null) {
      commitTransaction();
      return;
    }
    commitOffsets();
  }

  /** One poll's records into the open transaction, committed where the boundary says. */
  private void iterateTransactionally() throws InterruptedException {
    if (unsent != null) {
      for (SourceRecord record : unsent) {
        if (isStopping()) {
          break; // never sent: polled again after a restart, as their offsets are not committed
        }
        sendInTransaction(record);
        if (transactionRequests != null && transactionRequests.commitAfter(record)) {
          commitTransaction();
        } else if (transactionRequests != null && transactionRequests.abortAfter(record)) {
          abortTransaction();
        }
      }
      unsent = null;
    }
    boolean commit;
    switch (exactlyOnce.boundary()) {
      case POLL:
        commit = true;
        break;
      case INTERVAL:
        commit = System.currentTimeMillis() >= nextFlush;
        break;
      default:
        if (transactionRequests.takeAbortBatch()) {
          abortTransaction();
        }
        commit = transactionRequests.takeCommitBatch();
    }
    if (commit) {
      commitTransaction();
      nextFlush = System.currentTimeMillis() + exactlyOnce.intervalMs();
    }
  }

  private void sendInTransaction(SourceRecord record) throws InterruptedException {
    if (!inTransaction) {
      producer.beginTransaction();
      inTransaction = true;
    }
    if (record.sourcePartition() != null && record.sourceOffset() != null) {
      transactionOffsets.put(record.sourcePartition(), record.sourceOffset());
    }
    transactionRecords.add(record);
    ProcessingContext processing = ProcessingContext.of(record);
    SourceRecord transformed = transforms.apply(record, errors, processing);
    ProducerRecord<byte[], byte[]> producerRecord =
        transformed == null ? null : convert(transformed, processing);
    if (producerRecord == null) {
      return;
    }
    topics.ensureExists(producerRecord.topic());
    topicUsed(producerRecord.topic());
    producer.send(
        producerRecord,
        (metadata, exception) -> {
          if (exception != null) {
            producerFailure = exception;
          } else {
            transactionAcks.put(record, metadata);
          }
        });
  }

  /** Writes the offsets into the open transaction and commits it with the records. */
  private void commitTransaction() throws InterruptedException {
    if (!inTransaction) {
      return;
    }
    for (Map.Entry<Map<String, ?>, Map<String, ?>> offset : transactionOffsets.entrySet()) {
      producer.send(
          new ProducerRecord<>(
              exactlyOnce.offsetsTopic(),
              dev.wharf.connect.storage.OffsetRecords.key(id().connector(), offset.getKey()),
              dev.wharf.connect.storage.OffsetRecords.value(offset.getValue())));
    }
    producer.commitTransaction();
    inTransaction = false;
    if (producerFailure != null) {
      throw new ConnectException("Transaction of " + id() + " failed", producerFailure);
    }
    offsets.afterTransaction(id().connector(), transactionOffsets);
    for (SourceRecord record : transactionRecords) {
      commitRecord(record, transactionAcks.get(record));
    }
    transactionRecords.clear();
    transactionAcks.clear();
    transactionOffsets.clear();
    try {
      task.commit();
    } catch (RuntimeException e) {
      log.error("{}: commit() failed", id(), e);
    }
  }

  private void abortTransaction() {
    if (!inTransaction) {
      return;
    }
    producer.abortTransaction();
    inTransaction = false;
    transactionRecords.clear();
    transactionAcks.clear();
    transactionOffsets.clear();
  }

  private void sendAll() throws InterruptedException {
    for (SourceRecord record : unsent) {
      if (isStopping()) {
        return; // the rest is polled again after a restart: its offsets were never committed
      }
      send(record);
    }
    unsent = null;
  }

  private void send(SourceRecord record) throws InterruptedException {
    ProcessingContext processing = ProcessingContext.of(record);
    SourceRecord transformed = transforms.apply(record, errors, processing);
    if (transformed == null) {
      tracker.submit(record.sourcePartition(), record.sourceOffset()).ack();
      task.commitRecord(record, null);
      return;
    }
    ProducerRecord<byte[], byte[]> producerRecord = convert(transformed, processing);
    if (producerRecord == null) {
      tracker.submit(record.sourcePartition(), record.sourceOffset()).ack();
      task.commitRecord(record, null);
      return;
    }
    topics.ensureExists(producerRecord.topic());
    topicUsed(producerRecord.topic());
    SourceOffsetTracker.Submitted submitted =
        tracker.submit(record.sourcePartition(), record.sourceOffset());
    // A callback keeps its record alive until Kafka acknowledges it; a full producer buffer holds
    // tens of thousands, and copying their Structs from one young collection to the next cost
    // more than converting them. So the record stays only for a task that commits records or for
    // an error report.
    SourceRecord kept = commitsRecords || errors.toleratesAll() ? record : null;
    producer.send(
        producerRecord,
        (metadata, exception) -> {
          if (exception != null) {
            onSendFailure(kept, exception, submitted);
          } else {
            submitted.ack();
            metrics().recordWritten();
            if (commitsRecords) {
              commitRecord(kept, metadata);
            }
          }
        });
  }

  /**
   * Whether {@code type} overrides {@code commitRecord(SourceRecord, RecordMetadata)}, since Kafka
   * 4 the only one. SourceTask's own does nothing, so a task that keeps it need not be called when
   * a record is acknowledged.
   */
  static boolean commitsRecords(Class<? extends SourceTask> type) {
    try {
      return type.getMethod("commitRecord", SourceRecord.class, RecordMetadata.class)
              .getDeclaringClass()
          != SourceTask.class;
    } catch (NoSuchMethodException e) {
      return true;
    }
  }

  /** {@code record} is null unless errors are tolerated. */
  private void onSendFailure(
      SourceRecord record, Exception exception, SourceOffsetTracker.Submitted submitted) {
    if (errors.toleratesAll()) {
      log.warn("{}: skipping record for {} after a failed send", id(), record.topic(), exception);
      errors.handleFailure(
          ErrorHandler.Stage.KAFKA_PRODUCE,
          producer.getClass(),
          ProcessingContext.of(record),
          exception);
      submitted.ack();
      commitRecord(record, null);
    } else {
      producerFailure = exception;
    }
  }

  private void commitRecord(SourceRecord record, RecordMetadata metadata) {
    try {
      task.commitRecord(record, metadata);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("{}: commitRecord failed", id(), e);
    }
  }

  private ProducerRecord<byte[], byte[]> convert(SourceRecord record, ProcessingContext context) {
    String topic = record.topic();
    Headers headers =
        errors.execute(
            ErrorHandler.Stage.HEADER_CONVERTER,
            converters.header().getClass(),
            context,
            () -> converters.toKafkaHeaders(topic, record.headers()));
    if (headers == null) {
      return null;
    }
    byte[][] key = new byte[1][];
    Object keyOk =
        errors.execute(
            ErrorHandler.Stage.KEY_CONVERTER,
            converters.keyClass(),
            context,
            () -> {
              key[0] =
                  converters
                      .key()
                      .fromConnectData(topic, headers, record.keySchema(), record.key());
              return Boolean.TRUE;
            });
    if (keyOk == null) {
      return null;
    }
    byte[][] value = new byte[1][];
    Object valueOk =
        errors.execute(
            ErrorHandler.Stage.VALUE_CONVERTER,
            converters.valueClass(),
            context,
            () -> {
              value[0] =
                  converters
                      .value()
                      .fromConnectData(topic, headers, record.valueSchema(), record.value());
              return Boolean.TRUE;
            });
    if (valueOk == null) {
      return null;
    }
    Long timestamp =
        record.timestamp() != null && record.timestamp() >= 0 ? record.timestamp() : null;
    return new ProducerRecord<>(
        topic, record.kafkaPartition(), timestamp, key[0], value[0], headers);
  }

  /**
   * Writes the acknowledged offsets and calls {@code commit()}; failures are logged and retried.
   */
  private void commitOffsets() throws InterruptedException {
    Map<Map<String, ?>, Map<String, ?>> committable = tracker.takeCommittable();
    if (committable.isEmpty()) {
      return;
    }
    try {
      offsets.write(id().connector(), committable).get(flushTimeoutMs, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      log.error("{}: failed to flush offsets; they will be written with the next flush", id(), e);
      metrics().offsetCommit(false);
      return;
    }
    metrics().offsetCommit(true);
    try {
      task.commit();
    } catch (RuntimeException e) {
      log.error("{}: commit() failed", id(), e);
    }
  }

  /** On a clean stop what was sent is committed; after a failure it is aborted. */
  private void finishTransaction(boolean failed) {
    try {
      if (failed || producerFailure != null) {
        abortTransaction();
      } else {
        commitTransaction();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // Fenced by a newer instance, or the broker is gone: the transaction is not committed.
      log.warn("{}: its last transaction was not committed", id(), e);
    }
  }

  /** SourceTask.stop() may be called from another thread, to interrupt a blocking poll(). */
  @Override
  void signalStop() {
    stopTask();
  }

  private void stopTask() {
    if (stopCalled.compareAndSet(false, true)) {
      try {
        task.stop();
      } catch (RuntimeException e) {
        log.error("{}: stop() failed", id(), e);
      }
    }
  }

  @Override
  void stopAndCleanUp(boolean failed) {
    stopTask();
    if (pollAhead != null) {
      // A poll in flight returns after stop(); its records are dropped, never sent.
      pollAhead.close(Duration.ofMillis(flushTimeoutMs));
    }
    if (exactlyOnce != null) {
      finishTransaction(failed);
      producer.close(Duration.ofMillis(flushTimeoutMs));
      transforms.close();
      converters.close();
      Utils.closeQuietly(context, "context of " + id());
      return;
    }
    // Everything sent so far gets its chance to be acknowledged and its offset written.
    producer.flush();
    try {
      commitOffsets();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofMillis(flushTimeoutMs));
    transforms.close();
    converters.close();
    Utils.closeQuietly(context, "context of " + id());
  }
}
