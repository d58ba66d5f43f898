package org.apache.kafka.connect.converters;

import org.apache.kafka.common.serialization.DoubleDeserializer;
import org.apache.kafka.common.serialization.DoubleSerializer;
import org.apache.kafka.connect.data.Schema;

/**
 * Converts Double values (schema FLOAT64) to and from the bytes of kafka-clients' {@code
 * DoubleSerializer}; Wharf's implementation of Apache's class of the same name.
 */
public class DoubleConverter extends SerdeConverter<Double> {
  public DoubleConverter() {
    super(
        Double.class,
        Schema.OPTIONAL_FLOAT64_SCHEMA,
        new DoubleSerializer(),
        new DoubleDeserializer(),
        false);
  }
}
