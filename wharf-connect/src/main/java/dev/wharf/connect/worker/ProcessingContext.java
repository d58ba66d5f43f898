package dev.wharf.connect.worker;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * What a record was before the worker touched it, so an error report can name it: the consumed
 * Kafka record of a sink, or the polled record of a source.
 */
public record ProcessingContext(ConsumerRecord<byte[], byte[]> consumed, SourceRecord polled) {

  public static ProcessingContext of(ConsumerRecord<byte[], byte[]> consumed) {
    return new ProcessingContext(consumed, null);
  }

  public static ProcessingContext of(SourceRecord polled) {
    return new ProcessingContext(null, polled);
  }

  String describe() {
    if (consumed != null) {
      return "record at offset "
          + consumed.offset()
          + " of "
          + consumed.topic()
          + "-"
          + consumed.partition();
    }
    if (polled != null) {
      return "source record for topic "
          + polled.topic()
          + " with partition "
          + polled.sourcePartition();
    }
    return "record";
  }
}
