package dev.wharf.proxy.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.wharf.core.http.HttpError;
import dev.wharf.proxy.http.MediaTypes;
import dev.wharf.serdes.SchemaRegistryClient;
import dev.wharf.serdes.SchemaRegistryException;
import dev.wharf.serdes.avro.AvroJson;
import dev.wharf.serdes.avro.AvroSerde;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Avro in Confluent's wire format, with keys and values in Avro's JSON encoding (unions as {@code
 * {"type": value}}), as Confluent's proxy takes and answers them.
 */
final class AvroFormat extends SchemaFormat {
  private final AvroSerde serde;

  AvroFormat(SchemaRegistryClient client, AvroSerde serde) {
    super(client, "avro", MediaTypes.AVRO_V2, "AVRO", "AVRO");
    this.serde = serde;
  }

  @Override
  public String parse(String schema) {
    try {
      return nameOf(new Schema.Parser().parse(schema));
    } catch (SchemaParseException | NullPointerException e) {
      throw invalidSchema(e.getMessage() + " (schema: " + schema + ")");
    }
  }

  @Override
  public String nameOf(int schemaId) {
    return nameOf(schema(schemaId));
  }

  private static String nameOf(Schema schema) {
    return switch (schema.getType()) {
      case RECORD, ENUM, FIXED -> schema.getFullName();
      default -> null;
    };
  }

  @Override
  byte[] write(int schemaId, JsonNode data, String what) {
    Schema schema = schema(schemaId);
    try {
      return serde.serialize(schemaId, AvroJson.fromJson(data, schema));
    } catch (SerializationException e) {
      throw new HttpError(408, 40801, what + ": " + e.getMessage());
    }
  }

  private Schema schema(int schemaId) {
    try {
      return serde.schemaById(schemaId);
    } catch (SchemaRegistryException | SchemaParseException e) {
      throw lookupFailed("Error when fetching schema by id. schemaId = " + schemaId, e);
    }
  }

  @Override
  public byte[] encode(JsonNode data, String what) {
    return writer(null, false).encode(data, what);
  }

  @Override
  public JsonNode decode(byte[] bytes) {
    if (bytes == null) {
      return NullNode.getInstance();
    }
    try {
      AvroSerde.Read read = serde.deserialize("", bytes);
      return AvroJson.toJson(read.value(), read.schema());
    } catch (SerializationException | SchemaRegistryException | SchemaParseException e) {
      throw new FormatException("not Avro in the wire format: " + e.getMessage());
    }
  }
}
