package dev.wharf.serdes.connect;

import dev.wharf.serdes.SchemaRegistryClient;
import dev.wharf.serdes.SerdeConfig;
import dev.wharf.serdes.avro.AvroSerde;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * The Connect converter for Avro in Confluent's wire format, the counterpart of {@code
 * io.confluent.connect.avro.AvroConverter}: Connect data is mapped to Avro as Confluent's AvroData
 * does, its schema registered (or looked up) with the serializer settings ({@code
 * schema.registry.url}, {@code auto.register.schemas}, {@code use.latest.version}, the subject name
 * strategies), and read back with the writer's schema. {@code connect.meta.data} (default true) and
 * {@code schemas.cache.config} (default 1000) tune the mapping.
 */
public final class AvroConverter implements Converter {
  private SchemaRegistryClient client;
  private AvroSerde serde;
  private AvroSchemaMapping mapping;
  private boolean isKey;

  public AvroConverter() {}

  /** A converter that uses {@code client} instead of building one from the config. */
  public AvroConverter(SchemaRegistryClient client) {
    this.client = client;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    SerdeConfig config = SerdeConfig.parse(configs);
    this.isKey = isKey;
    this.serde = new AvroSerde(client != null ? client : config.newClient(), config);
    this.mapping =
        new AvroSchemaMapping(
            ConverterSettings.flag(configs, "connect.meta.data", true),
            ConverterSettings.integer(configs, "schemas.cache.config", 1000));
  }

  @Override
  public byte[] fromConnectData(String topic, Schema schema, Object value) {
    if (value == null && (schema == null || schema.isOptional())) {
      return null;
    }
    if (schema == null) {
      throw new DataException("AvroConverter needs a schema to write a value to topic " + topic);
    }
    org.apache.avro.Schema avro = mapping.toAvro(schema);
    Object avroValue = AvroValueMapping.toAvro(schema, avro, value);
    try {
      return serde.serialize(topic, isKey, avro, avroValue);
    } catch (SerializationException e) {
      throw new DataException(
          "Failed to serialize Avro data for topic " + topic + ": " + e.getMessage(), e);
    }
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    if (value == null) {
      return SchemaAndValue.NULL;
    }
    AvroSerde.Read read;
    try {
      read = serde.deserialize(topic, value);
    } catch (SerializationException e) {
      throw new DataException(
          "Failed to deserialize Avro data from topic " + topic + ": " + e.getMessage(), e);
    }
    Schema schema = mapping.toConnect(read.schema());
    return new SchemaAndValue(schema, AvroValueMapping.toConnect(schema, read.value()));
  }
}
