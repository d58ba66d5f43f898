package dev.wharf.proxy.consumer;

import dev.wharf.core.http.HttpError;
import dev.wharf.proxy.format.EmbeddedFormat;
import dev.wharf.proxy.format.FormatException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * One {@code GET .../records} on a consumer's own thread: polls until it has records (or at least
 * {@code minBytes} of them, when set) or the wait is over, stops before the record that would take
 * the response past {@code maxBytes}, and seeks every partition back to its first record not
 * returned, so nothing polled but unanswered is lost and the consumer's position is exactly what
 * the client has seen. A first record larger than {@code maxBytes} is returned alone rather than
 * never. A record the format cannot decode ends the response before it; if it is the first, the
 * answer is 408/40801 naming it and the consumer moves past it.
 */
final class RecordFetch {
  private RecordFetch() {}

  static List<Map<String, Object>> read(
      KafkaConsumer<byte[], byte[]> consumer,
      EmbeddedFormat format,
      long waitMs,
      long maxBytes,
      long minBytes) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
    List<Map<String, Object>> out = new ArrayList<>();
    long bytes = 0;
    while (true) {
      long remaining = Math.max(0, deadline - System.nanoTime());
      ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofNanos(remaining));
      Map<TopicPartition, Long> rewind = new HashMap<>();
      boolean stop = false;
      ConsumerRecord<byte[], byte[]> undecodable = null;
      for (ConsumerRecord<byte[], byte[]> record : polled) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (stop) {
          rewind.putIfAbsent(partition, record.offset());
          continue;
        }
        long size = size(record);
        if (!out.isEmpty() && bytes + size > maxBytes) {
          stop = true;
          rewind.putIfAbsent(partition, record.offset());
          continue;
        }
        try {
          out.add(toJson(record, format));
          bytes += size;
        } catch (FormatException e) {
          stop = true;
          undecodable = record;
          // Skip the bad record only when it is reported now; otherwise it is read again first.
          rewind.put(partition, out.isEmpty() ? record.offset() + 1 : record.offset());
        }
      }
      rewind.forEach(consumer::seek);
      if (undecodable != null && out.isEmpty()) {
        throw new HttpError(
            408,
            40801,
            "Cannot deserialize the record at offset "
                + undecodable.offset()
                + " of partition "
                + undecodable.partition()
                + " of topic '"
                + undecodable.topic()
                + "' as "
                + format.name()
                + "; the consumer has moved past it");
      }
      if (stop
          || (!out.isEmpty() && (minBytes <= 0 || bytes >= minBytes))
          || deadline - System.nanoTime() <= 0) {
        return out;
      }
    }
  }

  private static long size(ConsumerRecord<byte[], byte[]> record) {
    return (record.key() == null ? 0L : record.key().length)
        + (record.value() == null ? 0L : record.value().length);
  }

  private static Map<String, Object> toJson(
      ConsumerRecord<byte[], byte[]> record, EmbeddedFormat format) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("topic", record.topic());
    json.put("key", format.decode(record.key()));
    json.put("value", format.decode(record.value()));
    json.put("partition", record.partition());
    json.put("offset", record.offset());
    return json;
  }
}
