package dev.wharf.proxy.v3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.http.HttpError;
import dev.wharf.proxy.format.EmbeddedFormat;
import dev.wharf.proxy.format.EmbeddedFormats;
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
 * with types BINARY, JSON or STRING; the Schema Registry types are refused with a 400 that says
 * they are not supported yet.
 *
 * @param record what goes to Kafka
 * @param keyType the key's type for the delivery report, {@code null} without a key
 * @param valueType the value's type for the delivery report, {@code null} without a value
 */
record V3Record(ProducerRecord<byte[], byte[]> record, String keyType, String valueType) {

  static V3Record parse(String topic, JsonNode json, int partitions) {
    if (!json.isObject()) {
      throw HttpError.badRequest("A record must be a JSON object");
    }
    Integer partition = V3Bodies.optionalInt(json, "partition_id").orElse(null);
    if (partition != null && (partition < 0 || partition >= partitions)) {
      throw new HttpError(
          404, 40403, "Partition " + partition + " of topic '" + topic + "' not found.");
    }
    Long timestamp = timestamp(json.get("timestamp"));
    JsonNode key = json.get("key");
    JsonNode value = json.get("value");
    return new V3Record(
        new ProducerRecord<>(
            topic,
            partition,
            timestamp,
            encode(key, "key"),
            encode(value, "value"),
            headers(json.get("headers"))),
        typeOf(key),
        typeOf(value));
  }

  private static String typeOf(JsonNode data) {
    return data == null || data.isNull()
        ? null
        : data.path("type").asText("").toUpperCase(Locale.ROOT);
  }

  private static byte[] encode(JsonNode data, String what) {
    if (data == null || data.isNull()) {
      return null;
    }
    if (!data.isObject()) {
      throw HttpError.badRequest("'" + what + "' must be an object with 'type' and 'data'");
    }
    String type = typeOf(data);
    EmbeddedFormat format =
        switch (type) {
          case "BINARY" -> EmbeddedFormats.BINARY;
          case "JSON" -> EmbeddedFormats.JSON;
          case "STRING" -> EmbeddedFormats.STRING;
          default ->
              throw new HttpError(
                  400,
                  "Bad Request: "
                      + what
                      + " of type '"
                      + (type.isEmpty() ? "(schema)" : type)
                      + "' needs the Schema Registry, which this proxy does not support yet; use"
                      + " BINARY, JSON or STRING");
        };
    JsonNode payload = data.get("data");
    return payload == null || payload.isNull() ? null : format.encode(payload, what + ".data");
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
    report.put("key", size(keyType, record.key()));
    report.put("value", size(valueType, record.value()));
    return report;
  }

  private static Map<String, Object> size(String type, byte[] bytes) {
    if (type == null) {
      return null;
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", type);
    json.put("size", bytes == null ? 0 : bytes.length);
    return json;
  }
}
