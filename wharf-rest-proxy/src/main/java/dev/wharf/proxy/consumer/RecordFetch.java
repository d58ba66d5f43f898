package dev.wharf.proxy.consumer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import dev.wharf.core.http.HttpError;
import dev.wharf.core.http.Json;
import dev.wharf.proxy.format.EmbeddedFormat;
import dev.wharf.proxy.format.FormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * One {@code GET .../records} on a consumer's own thread: polls until it has records (or at least
 * {@code minBytes} of them, when set) or the wait is over, then takes whatever more the consumer
 * has already fetched without waiting (while the wait lasts, up to {@link #DRAIN_BYTES}), stops
 * before the record that would take the response past {@code maxBytes}, and seeks every partition
 * back to its first record not returned, so nothing polled but unanswered is lost and the
 * consumer's position is exactly what the client has seen. A first record larger than {@code
 * maxBytes} is returned alone rather than never. A record the format cannot decode ends the
 * response before it; if it is the first, the answer is 408/40801 naming it and the consumer moves
 * past it. The answer is the JSON array of records, written as it is read.
 */
final class RecordFetch {
  // Names written as pre-encoded bytes: they are the bulk of a response besides the values.
  private static final SerializableString TOPIC = new SerializedString("topic");
  private static final SerializableString KEY = new SerializedString("key");
  private static final SerializableString VALUE = new SerializedString("value");
  private static final SerializableString PARTITION = new SerializedString("partition");
  private static final SerializableString OFFSET = new SerializedString("offset");

  /**
   * The most record bytes one answer collects from what is already fetched, after the first poll (a
   * lower {@code max_bytes} wins): about one fetch of one partition, so that a fast partition does
   * not turn one request into a response of {@code consumer.request.max.bytes}.
   */
  static final int DRAIN_BYTES = 8 * 1024 * 1024;

  private static final SerializerProvider SERIALIZERS =
      Json.mapper().getSerializerProviderInstance();

  private RecordFetch() {}

  static byte[] read(
      KafkaConsumer<byte[], byte[]> consumer,
      EmbeddedFormat format,
      long waitMs,
      long maxBytes,
      long minBytes) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
    ByteArrayBuilder body = new ByteArrayBuilder(16 * 1024);
    try (JsonGenerator json = Json.mapper().getFactory().createGenerator(body)) {
      json.writeStartArray();
      int count = 0;
      long bytes = 0;
      Map<String, SerializableString> topics = new HashMap<>();
      boolean draining = false;
      while (true) {
        // Once there is something to answer, only what is already fetched is worth taking.
        Duration wait =
            draining ? Duration.ZERO : Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        ConsumerRecords<byte[], byte[]> polled = consumer.poll(wait);
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
          if (count > 0 && bytes + size > maxBytes) {
            stop = true;
            rewind.putIfAbsent(partition, record.offset());
            continue;
          }
          try {
            JsonNode key = format.decode(record.key());
            JsonNode value = format.decode(record.value());
            write(
                json,
                record,
                topics.computeIfAbsent(record.topic(), SerializedString::new),
                key,
                value);
            count++;
            bytes += size;
          } catch (FormatException e) {
            stop = true;
            undecodable = record;
            // Skip the bad record only when it is reported now; otherwise it is read again first.
            rewind.put(partition, count == 0 ? record.offset() + 1 : record.offset());
          }
        }
        rewind.forEach(consumer::seek);
        if (undecodable != null && count == 0) {
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
        boolean enough = count > 0 && (minBytes <= 0 || bytes >= minBytes);
        if (stop
            || (draining && (polled.isEmpty() || bytes >= DRAIN_BYTES))
            || deadline - System.nanoTime() <= 0) {
          break;
        }
        draining = enough;
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a records response", e);
    }
    return body.toByteArray();
  }

  private static long size(ConsumerRecord<byte[], byte[]> record) {
    return (record.key() == null ? 0L : record.key().length)
        + (record.value() == null ? 0L : record.value().length);
  }

  /**
   * {@code {"topic":..,"key":..,"value":..,"partition":..,"offset":..}}, as Confluent orders it.
   */
  private static void write(
      JsonGenerator json,
      ConsumerRecord<byte[], byte[]> record,
      SerializableString topic,
      JsonNode key,
      JsonNode value)
      throws IOException {
    json.writeStartObject();
    json.writeFieldName(TOPIC);
    json.writeString(topic);
    json.writeFieldName(KEY);
    key.serialize(json, SERIALIZERS);
    json.writeFieldName(VALUE);
    value.serialize(json, SERIALIZERS);
    json.writeFieldName(PARTITION);
    json.writeNumber(record.partition());
    json.writeFieldName(OFFSET);
    json.writeNumber(record.offset());
    json.writeEndObject();
  }
}
