package org.apache.kafka.connect.converters;

import org.apache.kafka.common.serialization.ShortDeserializer;
import org.apache.kafka.common.serialization.ShortSerializer;
import org.apache.kafka.connect.data.Schema;

/**
 * Converts Short values (schema INT16) to and from the bytes of kafka-clients' {@code
 * ShortSerializer}; Wharf's implementation of Apache's class of the same name.
 */
public class ShortConverter extends SerdeConverter<Short> {
  public ShortConverter() {
    super(
        Short.class,
        Schema.OPTIONAL_INT16_SCHEMA,
        new ShortSerializer(),
        new ShortDeserializer(),
        false);
  }
}
