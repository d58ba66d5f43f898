package dev.wharf.connect.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A {@link CountingSourceTask} that overrides {@code commitRecord}: it keeps, per topic, each
 * acknowledged record's value with the offset Kafka gave it.
 */
public class CommittingSourceTask extends CountingSourceTask {
  private static final Map<String, Map<Object, Long>> COMMITTED = new ConcurrentHashMap<>();

  /** The values of {@code topic} committed so far, each with its offset. */
  public static Map<Object, Long> committed(String topic) {
    return COMMITTED.computeIfAbsent(topic, t -> new ConcurrentHashMap<>());
  }

  @Override
  public void commitRecord(SourceRecord record, RecordMetadata metadata) {
    committed(record.topic()).put(record.value(), metadata.offset());
  }
}
