package org.apache.kafka.connect.converters;

import org.apache.kafka.common.serialization.FloatDeserializer;
import org.apache.kafka.common.serialization.FloatSerializer;
import org.apache.kafka.connect.data.Schema;

/**
 * Converts Float values (schema FLOAT32) to and from the bytes of kafka-clients' {@code
 * FloatSerializer}; Wharf's implementation of Apache's class of the same name.
 */
public class FloatConverter extends SerdeConverter<Float> {
  public FloatConverter() {
    super(
        Float.class,
        Schema.OPTIONAL_FLOAT32_SCHEMA,
        new FloatSerializer(),
        new FloatDeserializer(),
        false);
  }
}
