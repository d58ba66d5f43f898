package dev.wharf.connect.storage;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current source offsets, kept as the serialized key and value bytes (as Apache keeps them, so
 * a partition is found by its serialized form and unknown keys survive a rewrite of the file), with
 * an index of each connector's keys.
 */
final class OffsetTable {
  private static final Logger log = LoggerFactory.getLogger(OffsetTable.class);

  private final Map<ByteBuffer, byte[]> entries = new HashMap<>();
  private final Map<String, Map<ByteBuffer, Map<String, Object>>> partitionsByConnector =
      new HashMap<>();

  /** Records {@code value} for {@code key}, or forgets the key when {@code value} is null. */
  synchronized void apply(byte[] key, byte[] value) {
    if (key == null) {
      log.warn("Ignoring a source offset without key");
      return;
    }
    ByteBuffer keyBuffer = ByteBuffer.wrap(key);
    if (value == null) {
      entries.remove(keyBuffer);
    } else {
      entries.put(keyBuffer, value);
    }
    OffsetRecords.parseKey(key)
        .ifPresentOrElse(
            parsed -> {
              Map<ByteBuffer, Map<String, Object>> partitions =
                  partitionsByConnector.computeIfAbsent(
                      parsed.connector(), c -> new LinkedHashMap<>());
              if (value == null) {
                partitions.remove(keyBuffer);
              } else {
                partitions.put(keyBuffer, parsed.partition());
              }
              if (partitions.isEmpty()) {
                partitionsByConnector.remove(parsed.connector());
              }
            },
            () -> log.warn("Keeping a source offset whose key is not [connector, partition]"));
  }

  synchronized Map<String, Object> offset(byte[] key) {
    byte[] value = entries.get(ByteBuffer.wrap(key));
    return value == null ? null : OffsetRecords.parseValue(value);
  }

  synchronized Map<Map<String, Object>, Map<String, Object>> offsets(String connector) {
    Map<Map<String, Object>, Map<String, Object>> result = new LinkedHashMap<>();
    partitionsByConnector
        .getOrDefault(connector, Map.of())
        .forEach(
            (key, partition) -> result.put(partition, OffsetRecords.parseValue(entries.get(key))));
    return result;
  }

  /** A copy of every entry: serialized key to serialized value. */
  synchronized Map<ByteBuffer, byte[]> raw() {
    return new HashMap<>(entries);
  }
}
