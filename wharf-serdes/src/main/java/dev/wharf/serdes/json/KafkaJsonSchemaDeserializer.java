package dev.wharf.serdes.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.serdes.SchemaRegistryClient;
import dev.wharf.serdes.SerdeConfig;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A Kafka deserializer reading Confluent's JSON Schema wire format into Jackson trees; with {@code
 * json.fail.invalid.schema=true} each document is validated against the schema it was written with.
 */
public final class KafkaJsonSchemaDeserializer implements Deserializer<JsonNode> {
  private SchemaRegistryClient client;
  private JsonSchemaSerde serde;

  public KafkaJsonSchemaDeserializer() {}

  /** A deserializer that uses {@code client} instead of building one from the config. */
  public KafkaJsonSchemaDeserializer(SchemaRegistryClient client) {
    this.client = client;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    SerdeConfig config = SerdeConfig.parse(configs);
    this.serde = new JsonSchemaSerde(client != null ? client : config.newClient(), config);
  }

  @Override
  public JsonNode deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    return serde.deserialize(topic, data).value();
  }
}
