package dev.wharf.serdes.avro;

import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.errors.SerializationException;

/** The Avro schema of a value the serializer is given: a record's own, or a primitive's. */
final class AvroSchemas {
  private AvroSchemas() {}

  static Schema of(Object value) {
    if (value == null) {
      return Schema.create(Schema.Type.NULL);
    }
    if (value instanceof GenericContainer container) {
      return container.getSchema();
    }
    if (value instanceof Boolean) {
      return Schema.create(Schema.Type.BOOLEAN);
    }
    if (value instanceof Integer) {
      return Schema.create(Schema.Type.INT);
    }
    if (value instanceof Long) {
      return Schema.create(Schema.Type.LONG);
    }
    if (value instanceof Float) {
      return Schema.create(Schema.Type.FLOAT);
    }
    if (value instanceof Double) {
      return Schema.create(Schema.Type.DOUBLE);
    }
    if (value instanceof CharSequence) {
      return Schema.create(Schema.Type.STRING);
    }
    if (value instanceof byte[] || value instanceof ByteBuffer) {
      return Schema.create(Schema.Type.BYTES);
    }
    throw new SerializationException(
        "Unsupported Avro type "
            + value.getClass().getName()
            + ": use a GenericRecord or a primitive");
  }

  /** The name a record-name subject strategy uses: a named type's full name, else none. */
  static String fullName(Schema schema) {
    return switch (schema.getType()) {
      case RECORD, ENUM, FIXED -> schema.getFullName();
      default -> null;
    };
  }
}
