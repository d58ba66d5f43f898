package org.apache.kafka.connect.converters;

import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.connect.data.Schema;

/**
 * Converts Long values (schema INT64) to and from the bytes of kafka-clients' {@code
 * LongSerializer}; Wharf's implementation of Apache's class of the same name.
 */
public class LongConverter extends SerdeConverter<Long> {
  public LongConverter() {
    super(
        Long.class,
        Schema.OPTIONAL_INT64_SCHEMA,
        new LongSerializer(),
        new LongDeserializer(),
        false);
  }
}
