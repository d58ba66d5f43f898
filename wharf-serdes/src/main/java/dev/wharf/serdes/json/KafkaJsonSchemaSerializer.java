package dev.wharf.serdes.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.serdes.SchemaRegistryClient;
import dev.wharf.serdes.SerdeConfig;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serializer writing JSON documents in Confluent's JSON Schema wire format. The value is
 * either an envelope {@code {"schema": <JSON Schema>, "payload": <document>}} (as Confluent's
 * {@code JsonSchemaUtils.envelope} builds), or, with {@code use.latest.version=true}, any object
 * Jackson can write, checked against the subject's latest schema.
 */
public final class KafkaJsonSchemaSerializer implements Serializer<Object> {
  private SchemaRegistryClient client;
  private JsonSchemaSerde serde;
  private boolean isKey;

  public KafkaJsonSchemaSerializer() {}

  /** A serializer that uses {@code client} instead of building one from the config. */
  public KafkaJsonSchemaSerializer(SchemaRegistryClient client) {
    this.client = client;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    SerdeConfig config = SerdeConfig.parse(configs);
    this.isKey = isKey;
    this.serde = new JsonSchemaSerde(client != null ? client : config.newClient(), config);
  }

  @Override
  public byte[] serialize(String topic, Object value) {
    if (value == null) {
      return null;
    }
    JsonNode tree = JsonSchemaSerde.MAPPER.valueToTree(value);
    if (tree.isObject() && tree.size() == 2 && tree.has("schema") && tree.has("payload")) {
      return serde.serialize(topic, isKey, tree.get("schema"), tree.get("payload"));
    }
    return serde.serialize(topic, isKey, null, tree);
  }

  /** The envelope the serializer takes: a schema and the document it describes. */
  public static JsonNode envelope(JsonNode schema, JsonNode payload) {
    var node = JsonSchemaSerde.MAPPER.createObjectNode();
    node.set("schema", schema);
    node.set("payload", payload);
    return node;
  }
}
