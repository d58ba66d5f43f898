package dev.wharf.proxy.v3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.http.HttpError;
import dev.wharf.proxy.format.EmbeddedFormat;
import dev.wharf.proxy.format.EmbeddedFormats;
import dev.wharf.proxy.format.SchemaFormats;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * One v3 record as a client sends it ({@code partition_id}, {@code headers}, {@code key}, {@code
 * value}, {@code timestamp}), validated and encoded. Key and value carry {@code {"type", "data"}}
 * with types BINARY, JSON or STRING, or a Schema Registry type (AVRO, JSONSCHEMA; assumed when
 * {@code type} is absent) with the schema fields that {@link V3Schema} resolves.
 *
 * @param record what goes to Kafka
 * @param key how the key was written, for the delivery report; {@code null} without a key
 * @param value how the value was written, for the delivery report; {@code null} without a value
 */
record V3Record(ProducerRecord<byte[], byte[]> record, Side key, Side value) {

  /** How one key or value was written: its type and, for a schema type, its schema. */
  record Side(String type, V3Schema schema, byte[] bytes) {}

  static V3Record parse(String topic, JsonNode json, int partitions, SchemaFormats formats) {
    if (!json.isObject()) {
      throw HttpError.badRequest("A record must be a JSON object");
    }
    Integer partition = V3Bodies.optionalInt(json, "partition_id").orElse(null);
    if (partition != null && (partition < 0 || partition >= partitions)) {
      throw new HttpError(
          404, 40403, "Partition " + partition + " of topic '" + topic + "' not found.");
    }
    Long timestamp = timestamp(json.get("timestamp"));
    Side key = encode(json.get("key"), topic, true, formats);
    Side value = encode(json.get("value"), topic, false, formats);
    return new V3Record(
        new ProducerRecord<>(
            topic,
            partition,
            timestamp,
            key == null ? null : key.bytes(),
            value == null ? null : value.bytes(),
            headers(json.get("headers"))),
        key,
        value);
  }

  private static Side encode(JsonNode data, String topic, boolean isKey, SchemaFormats formats) {
    String what = isKey ? "key" : "value";
    if (data == null || data.isNull()) {
      return null;
    }
    if (!data.isObject()) {
      throw HttpError.badRequest("'" + what + "' must be an object with 'type' and 'data'");
    }
    String type = data.path("type").asText("").toUpperCase(Locale.ROOT);
    JsonNode payload = data.get("data");
    EmbeddedFormat format =
        switch (type) {
          case "BINARY" -> EmbeddedFormats.BINARY;
          case "JSON" -> EmbeddedFormats.JSON;
          case "STRING" -> EmbeddedFormats.STRING;
          case "", "AVRO", "JSONSCHEMA", "PROTOBUF" -> null;
          default ->
              throw HttpError.badRequest(
                  "Bad Request: "
                      + what
                      + ".type '"
                      + type
                      + "' is not one of BINARY, JSON, STRING, AVRO, JSONSCHEMA, PROTOBUF");
        };
    if (format != null) {
      return new Side(
          type,
          null,
          payload == null || payload.isNull() ? null : format.encode(payload, what + ".data"));
    }
    V3Schema schema = V3Schema.resolve(formats, type, data, topic, isKey, what);
    byte[] bytes = schema.format().writer(schema.schemaId(), isKey).encode(payload, what + ".data");
    return new Side(schema.format().v3Type(), schema, bytes);
  }

  private static Long timestamp(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(node.asText()).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(node.asText()).toEpochMilli();
      } catch (DateTimeParseException again) {
        throw HttpError.badRequest("'timestamp' must be an ISO-8601 date-time: " + node.asText());
      }
    }
  }

  private static List<Header> headers(JsonNode node) {
    List<Header> headers = new ArrayList<>();
    if (node == null || node.isNull()) {
      return headers;
    }
    for (JsonNode header : V3Bodies.objects(node, "headers")) {
      String name = V3Bodies.text(header, "name");
      JsonNode value = header.get("value");
      try {
        headers.add(
            new RecordHeader(
                name,
                value == null || value.isNull()
                    ? null
                    : Base64.getDecoder().decode(value.asText())));
      } catch (IllegalArgumentException e) {
        throw HttpError.badRequest("Bad Request: header '" + name + "' is not base64");
      }
    }
    return headers;
  }

  /** The delivery report of a record Kafka accepted. */
  Map<String, Object> report(String clusterId, long offset, int partition, long timestamp) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("error_code", 200);
    report.put("cluster_id", clusterId);
    report.put("topic_name", record.topic());
    report.put("partition_id", partition);
    report.put("offset", offset);
    report.put("timestamp", Instant.ofEpochMilli(timestamp).toString());
    report.put("key", describe(key));
    report.put("value", describe(value));
    return report;
  }

  private static Map<String, Object> describe(Side side) {
    if (side == null) {
      return null;
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", side.type());
    json.put("size", side.bytes() == null ? 0 : side.bytes().length);
    if (side.schema() != null) {
      json.put("subject", side.schema().subject());
      json.put("schema_id", side.schema().schemaId());
      json.put("schema_version", side.schema().version());
    }
    return json;
  }
}
