package dev.wharf.connect.worker;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The {@link ErrantRecordReporter} a sink task gets: the record is converted back to bytes with the
 * task's converters and handled like any failed record, so {@code errors.tolerance=none} fails the
 * task and {@code all} logs it and sends it to the dead letter queue.
 */
final class ErrantRecords implements ErrantRecordReporter {
  private final ErrorHandler errors;
  private final RecordConverters converters;

  ErrantRecords(ErrorHandler errors, RecordConverters converters) {
    this.errors = errors;
    this.converters = converters;
  }

  @Override
  public Future<Void> report(SinkRecord record, Throwable error) {
    String topic = record.originalTopic();
    Headers headers = converters.toKafkaHeaders(topic, record.headers());
    byte[] key = converters.key().fromConnectData(topic, headers, record.keySchema(), record.key());
    byte[] value =
        converters.value().fromConnectData(topic, headers, record.valueSchema(), record.value());
    ConsumerRecord<byte[], byte[]> original =
        new ConsumerRecord<>(
            topic,
            record.originalKafkaPartition(),
            record.originalKafkaOffset(),
            record.timestamp() == null ? -1 : record.timestamp(),
            record.timestampType() == null
                ? TimestampType.NO_TIMESTAMP_TYPE
                : record.timestampType(),
            key == null ? -1 : key.length,
            value == null ? -1 : value.length,
            key,
            value,
            headers,
            java.util.Optional.empty());
    errors.handleFailure(
        ErrorHandler.Stage.TASK_PUT, record.getClass(), ProcessingContext.of(original), error);
    return CompletableFuture.completedFuture(null);
  }
}
