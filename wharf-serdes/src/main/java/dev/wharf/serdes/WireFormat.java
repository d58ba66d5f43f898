package dev.wharf.serdes;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's wire format: byte 0 is the magic {@code 0x00}, bytes 1 to 4 the schema id as a
 * big-endian int32, then the payload (Avro binary, or UTF-8 JSON for JSON Schema).
 */
public final class WireFormat {
  public static final byte MAGIC_BYTE = 0x0;
  public static final int HEADER_SIZE = 5;

  private WireFormat() {}

  public static byte[] frame(int schemaId, byte[] payload) {
    return ByteBuffer.allocate(HEADER_SIZE + payload.length)
        .put(MAGIC_BYTE)
        .putInt(schemaId)
        .put(payload)
        .array();
  }

  /** A framed message: the schema id and the payload. */
  public record Framed(int schemaId, ByteBuffer payload) {
    public byte[] payloadBytes() {
      byte[] bytes = new byte[payload.remaining()];
      payload.duplicate().get(bytes);
      return bytes;
    }
  }

  /**
   * @throws SerializationException when the data is too short or does not start with the magic byte
   */
  public static Framed unframe(String topic, byte[] data) {
    if (data.length < HEADER_SIZE) {
      throw new SerializationException(
          "Data of "
              + data.length
              + " bytes on topic "
              + topic
              + " is too short for the wire format");
    }
    ByteBuffer buffer = ByteBuffer.wrap(data);
    byte magic = buffer.get();
    if (magic != MAGIC_BYTE) {
      throw new SerializationException(
          "Unknown magic byte " + magic + " on topic " + topic + ": not Confluent's wire format");
    }
    int id = buffer.getInt();
    return new Framed(id, buffer.slice());
  }
}
