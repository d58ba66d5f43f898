package dev.wharf.serdes.avro;

import dev.wharf.serdes.SchemaRegistryClient;
import dev.wharf.serdes.SerdeConfig;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A Kafka deserializer reading Confluent's Avro wire format into {@code GenericRecord}s (or, for
 * primitive schemas, {@code String}, {@code byte[]}, boxed numbers), with the writer's schema
 * fetched by id from the registry and cached.
 */
public final class KafkaAvroDeserializer implements Deserializer<Object> {
  private SchemaRegistryClient client;
  private AvroSerde serde;

  public KafkaAvroDeserializer() {}

  /** A deserializer that uses {@code client} instead of building one from the config. */
  public KafkaAvroDeserializer(SchemaRegistryClient client) {
    this.client = client;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    SerdeConfig config = SerdeConfig.parse(configs);
    this.serde = new AvroSerde(client != null ? client : config.newClient(), config);
  }

  @Override
  public Object deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    return serde.deserialize(topic, data).value();
  }
}
