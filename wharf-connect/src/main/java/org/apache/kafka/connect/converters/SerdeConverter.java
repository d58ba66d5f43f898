package org.apache.kafka.connect.converters;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.ConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;
import org.apache.kafka.connect.storage.HeaderConverter;

/**
 * A converter and header converter for one primitive type, written by Wharf, that encodes values
 * with the matching kafka-clients serializer, so its bytes are exactly those a Kafka producer using
 * that serializer writes. Null converts to null both ways; bytes always come back with the optional
 * schema of the type. Wharf provides these under Apache's class names because Apache ships them in
 * its runtime JAR, which Wharf does not use, and worker and connector configs name them.
 */
abstract class SerdeConverter<T> implements Converter, HeaderConverter {
  private static final ConfigDef CONFIG_DEF = ConverterConfig.newConfigDef();

  private final Class<T> valueType;
  private final Schema schema;
  private final Serializer<T> serializer;
  private final Deserializer<T> deserializer;
  private final boolean rejectsOtherSchemaTypes;

  /**
   * @param rejectsOtherSchemaTypes whether a schema of another type is an error even for a value of
   *     the right Java type (Apache's BooleanConverter checks it, its number converters do not)
   */
  SerdeConverter(
      Class<T> valueType,
      Schema schema,
      Serializer<T> serializer,
      Deserializer<T> deserializer,
      boolean rejectsOtherSchemaTypes) {
    this.valueType = valueType;
    this.schema = schema;
    this.serializer = serializer;
    this.deserializer = deserializer;
    this.rejectsOtherSchemaTypes = rejectsOtherSchemaTypes;
  }

  @Override
  public String version() {
    return AppInfoParser.getVersion();
  }

  @Override
  public ConfigDef config() {
    return CONFIG_DEF;
  }

  /** Requires {@code converter.type} ({@code key}, {@code value} or {@code header}). */
  @Override
  public void configure(Map<String, ?> configs) {
    String type = new AbstractConfig(CONFIG_DEF, configs).getString(ConverterConfig.TYPE_CONFIG);
    boolean isKey = ConverterType.withName(type) == ConverterType.KEY;
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    Map<String, Object> withType = new HashMap<>(configs);
    withType.put(
        ConverterConfig.TYPE_CONFIG, (isKey ? ConverterType.KEY : ConverterType.VALUE).getName());
    configure(withType);
  }

  @Override
  public byte[] fromConnectData(String topic, Schema schema, Object value) {
    if (rejectsOtherSchemaTypes && schema != null && schema.type() != this.schema.type()) {
      throw new DataException(
          getClass().getSimpleName()
              + " cannot convert data with a schema of type "
              + schema.type());
    }
    if (value != null && !valueType.isInstance(value)) {
      throw new DataException(
          getClass().getSimpleName()
              + " cannot convert a "
              + value.getClass().getName()
              + "; it converts "
              + valueType.getName()
              + " values");
    }
    try {
      return serializer.serialize(topic, valueType.cast(value));
    } catch (SerializationException e) {
      throw new DataException(getClass().getSimpleName() + " failed to serialize a value", e);
    }
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    try {
      return new SchemaAndValue(schema, deserializer.deserialize(topic, value));
    } catch (SerializationException e) {
      throw new DataException(
          getClass().getSimpleName() + " failed to deserialize data from topic " + topic, e);
    }
  }

  @Override
  public byte[] fromConnectHeader(String topic, String headerKey, Schema schema, Object value) {
    return fromConnectData(topic, schema, value);
  }

  @Override
  public SchemaAndValue toConnectHeader(String topic, String headerKey, byte[] value) {
    return toConnectData(topic, value);
  }

  @Override
  public void close() {
    serializer.close();
    deserializer.close();
  }
}
