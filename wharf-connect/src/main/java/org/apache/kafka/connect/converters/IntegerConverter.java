package org.apache.kafka.connect.converters;

import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.connect.data.Schema;

/**
 * Converts Integer values (schema INT32) to and from the bytes of kafka-clients' {@code
 * IntegerSerializer}; Wharf's implementation of Apache's class of the same name.
 */
public class IntegerConverter extends SerdeConverter<Integer> {
  public IntegerConverter() {
    super(
        Integer.class,
        Schema.OPTIONAL_INT32_SCHEMA,
        new IntegerSerializer(),
        new IntegerDeserializer(),
        false);
  }
}
