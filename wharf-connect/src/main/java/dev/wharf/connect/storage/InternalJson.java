package dev.wharf.connect.storage;

import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * The JSON encoding of every record in Connect's internal topics: Apache's {@link JsonConverter}
 * with {@code schemas.enable=false}, the converter Apache Connect itself uses for these topics, so
 * the bytes we write are the bytes Apache writes and the reverse. Values are plain Java maps, lists
 * and primitives; JSON integers read back as {@code Long}.
 */
final class InternalJson {
  private static final String TOPIC = "wharf-internal";
  private static final JsonConverter CONVERTER = newConverter();

  private InternalJson() {}

  private static JsonConverter newConverter() {
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", "false"), false);
    return converter;
  }

  /** Serializes a map, list or primitive; {@code null} stays {@code null} (a tombstone). */
  static byte[] write(Object value) {
    return value == null ? null : CONVERTER.fromConnectData(TOPIC, null, value);
  }

  /** Parses bytes written by {@link #write} or by Apache Connect; {@code null} stays null. */
  static Object read(byte[] bytes) {
    return bytes == null ? null : CONVERTER.toConnectData(TOPIC, bytes).value();
  }
}
