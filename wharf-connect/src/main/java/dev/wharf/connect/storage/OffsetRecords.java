package dev.wharf.connect.storage;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

/**
 * Source offsets as Apache Connect serializes them, in the offset topic and in the standalone file
 * alike: the key is the JSON array {@code ["<connector>",{<source partition>}]}, the value the JSON
 * object of the offset, or null to forget the partition. Partitions and offsets must be maps with
 * string keys and primitive values.
 */
public final class OffsetRecords {

  /** A decoded offset key. */
  record OffsetKey(String connector, Map<String, Object> partition) {}

  private OffsetRecords() {}

  public static byte[] key(String connector, Map<String, ?> partition) {
    return InternalJson.write(Arrays.asList(connector, partition));
  }

  public static byte[] value(Map<String, ?> offset) {
    return InternalJson.write(offset);
  }

  /** Decodes a key; empty when it is not in the offset key format (and so not ours to list). */
  static Optional<OffsetKey> parseKey(byte[] key) {
    Object value = key == null ? null : InternalJson.read(key);
    if (value instanceof List<?> list
        && list.size() == 2
        && list.get(0) instanceof String connector
        && list.get(1) instanceof Map<?, ?> partition) {
      return Optional.of(new OffsetKey(connector, stringKeyed(partition)));
    }
    return Optional.empty();
  }

  static Map<String, Object> parseValue(byte[] value) {
    Object parsed = InternalJson.read(value);
    return parsed instanceof Map<?, ?> map ? stringKeyed(map) : null;
  }

  /**
   * Checks a batch the way Apache does before a flush.
   *
   * @throws DataException naming the connector and the offending field
   */
  static void validate(String connector, Map<String, ?> partition, Map<String, ?> offset) {
    if (partition == null) {
      throw new DataException("Connector '" + connector + "' wrote an offset without a partition");
    }
    validateFields(connector, "partition", partition);
    if (offset != null) {
      validateFields(connector, "offset", offset);
    }
  }

  private static void validateFields(String connector, String what, Map<String, ?> fields) {
    for (Map.Entry<String, ?> field : fields.entrySet()) {
      Object key = field.getKey();
      if (!(key instanceof String)) {
        throw new DataException(
            "Source " + what + " keys of connector '" + connector + "' must be strings: " + key);
      }
      Object value = field.getValue();
      if (value == null) {
        continue;
      }
      Schema.Type type = ConnectSchema.schemaType(value.getClass());
      if (type == null || !type.isPrimitive()) {
        throw new DataException(
            "Source "
                + what
                + " field '"
                + key
                + "' of connector '"
                + connector
                + "' must be a primitive, not "
                + value.getClass().getName());
      }
    }
  }

  private static Map<String, Object> stringKeyed(Map<?, ?> map) {
    Map<String, Object> result = new LinkedHashMap<>();
    map.forEach((k, v) -> result.put(String.valueOf(k), v));
    return Collections.unmodifiableMap(result);
  }
}
