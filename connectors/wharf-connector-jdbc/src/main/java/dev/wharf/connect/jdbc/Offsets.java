package dev.wharf.connect.jdbc;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;

/**
 * Confluent's source partition and offset maps, so offsets stored by either connector carry over:
 * partitions {@code {"protocol":"1","table":fqn}} (incremental modes; the legacy {@code
 * {"table":name}} is read too), {@code {"table":name}} (bulk) and {@code {"query":"query"}};
 * offsets {@code {"incrementing":long}} and/or {@code {"timestamp":ms,"timestamp_nanos":nanos}}.
 */
final class Offsets {
  static final String INCREMENTING = "incrementing";
  static final String TIMESTAMP = "timestamp";
  static final String TIMESTAMP_NANOS = "timestamp_nanos";

  private Offsets() {}

  static Map<String, String> tablePartition(TableId table) {
    return partition("protocol", "1", "table", table.fullName());
  }

  static Map<String, String> legacyTablePartition(TableId table) {
    return partition("table", table.table());
  }

  static Map<String, String> queryPartition() {
    return partition("query", "query");
  }

  /**
   * The worker stores a partition as serialized bytes, so the key order matters: a HashMap's order,
   * as Confluent's connector builds them, keeps the stored keys byte-identical.
   */
  private static Map<String, String> partition(String... keysAndValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /**
   * The offset map of a row position; either part may be null (absent from the map). The worker
   * keeps every record's offset until Kafka acknowledges the record, tens of thousands of them when
   * the producer's buffer is full, so the incrementing mode's one key is a compact immutable map
   * (its order is fixed: one key) rather than a HashMap and its table.
   */
  static Map<String, Object> offset(Long incrementing, Timestamp timestamp) {
    if (timestamp == null && incrementing != null) {
      return Map.of(INCREMENTING, incrementing);
    }
    Map<String, Object> map = new HashMap<>();
    if (incrementing != null) {
      map.put(INCREMENTING, incrementing);
    }
    if (timestamp != null) {
      map.put(TIMESTAMP, timestamp.getTime());
      map.put(TIMESTAMP_NANOS, (long) timestamp.getNanos());
    }
    return map;
  }

  static Long incrementing(Map<String, Object> offset) {
    Object value = offset == null ? null : offset.get(INCREMENTING);
    return value == null ? null : ((Number) value).longValue();
  }

  static Timestamp timestamp(Map<String, Object> offset) {
    Object millis = offset == null ? null : offset.get(TIMESTAMP);
    if (millis == null) {
      return null;
    }
    Timestamp ts = new Timestamp(((Number) millis).longValue());
    Object nanos = offset.get(TIMESTAMP_NANOS);
    if (nanos != null) {
      ts.setNanos(((Number) nanos).intValue());
    }
    return ts;
  }
}
