package dev.wharf.serdes.avro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Avro values to and from Avro's JSON encoding (unions written as {@code {"type": value}}, bytes as
 * ISO-8859-1 strings), which is how Confluent's REST Proxy takes Avro records in produce requests
 * and answers them to consumers.
 */
public final class AvroJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AvroJson() {}

  /**
   * @throws SerializationException naming the schema when {@code json} does not match it
   */
  public static Object fromJson(JsonNode json, Schema schema) {
    try {
      Object value =
          new GenericDatumReader<>(schema)
              .read(
                  null, DecoderFactory.get().jsonDecoder(schema, MAPPER.writeValueAsString(json)));
      return value instanceof org.apache.avro.util.Utf8 utf8 ? utf8.toString() : value;
    } catch (IOException | AvroTypeException e) {
      throw new SerializationException(
          "JSON does not match the Avro schema " + schema.getFullName() + ": " + e.getMessage(), e);
    }
  }

  public static JsonNode toJson(Object value, Schema schema) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      JsonEncoder encoder = EncoderFactory.get().jsonEncoder(schema, out);
      Object datum = value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
      new GenericDatumWriter<>(schema).write(datum, encoder);
      encoder.flush();
      return MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Cannot write Avro data of schema "
              + schema.getFullName()
              + " as JSON: "
              + e.getMessage(),
          e);
    }
  }
}
