package org.apache.kafka.connect.converters;

import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.ConverterConfig;
import org.apache.kafka.connect.storage.HeaderConverter;

/**
 * Passes raw bytes through unchanged: {@code byte[]} values (or a {@code ByteBuffer}'s bytes from
 * its start to its limit) are written as they are, and bytes read come back as {@code byte[]} with
 * the optional BYTES schema. Null stays null. Wharf's implementation of Apache's class of the same
 * name, which Apache ships in its runtime JAR.
 */
public class ByteArrayConverter implements Converter, HeaderConverter {
  private static final ConfigDef CONFIG_DEF = ConverterConfig.newConfigDef();

  @Override
  public String version() {
    return AppInfoParser.getVersion();
  }

  @Override
  public ConfigDef config() {
    return CONFIG_DEF;
  }

  @Override
  public void configure(Map<String, ?> configs) {
    // Raw bytes need no settings.
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    // Raw bytes need no settings.
  }

  @Override
  public byte[] fromConnectData(String topic, Schema schema, Object value) {
    if (schema != null && schema.type() != Schema.Type.BYTES) {
      throw new DataException(
          "ByteArrayConverter cannot convert data with a schema of type " + schema.type());
    }
    if (value == null || value instanceof byte[]) {
      return (byte[]) value;
    }
    if (value instanceof ByteBuffer) {
      ByteBuffer buffer = ((ByteBuffer) value).duplicate();
      buffer.rewind();
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    }
    throw new DataException(
        "ByteArrayConverter cannot convert a "
            + value.getClass().getName()
            + "; it converts byte[] and ByteBuffer values");
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    return new SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA, value);
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
    // Nothing to release.
  }
}
