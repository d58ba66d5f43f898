package org.apache.kafka.connect.converters;

import org.apache.kafka.common.serialization.BooleanDeserializer;
import org.apache.kafka.common.serialization.BooleanSerializer;
import org.apache.kafka.connect.data.Schema;

/**
 * Converts Boolean values (schema BOOLEAN) to and from the bytes of kafka-clients' {@code
 * BooleanSerializer}; Wharf's implementation of Apache's class of the same name.
 */
public class BooleanConverter extends SerdeConverter<Boolean> {
  public BooleanConverter() {
    super(
        Boolean.class,
        Schema.OPTIONAL_BOOLEAN_SCHEMA,
        new BooleanSerializer(),
        new BooleanDeserializer(),
        true);
  }
}
