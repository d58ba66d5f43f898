package dev.wharf.proxy.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.wharf.core.http.HttpError;
import dev.wharf.proxy.format.EmbeddedFormat;
import dev.wharf.proxy.format.EmbeddedFormats;
import dev.wharf.proxy.format.SchemaFormats;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * A validated {@code POST /consumers/{group}} body. Confluent's fields map onto the consumer:
 * {@code auto.offset.reset} as is, {@code auto.commit.enable} to {@code enable.auto.commit}, {@code
 * id} to the name and the Kafka {@code client.id}; {@code fetch.min.bytes} and {@code
 * consumer.request.timeout.ms} shape the instance's records responses. Numbers and booleans may be
 * sent as strings, as Confluent's own examples do.
 *
 * @param name the instance name: {@code id}, else {@code name}, else generated
 * @param format the embedded format of the records it returns
 * @param requestTimeoutMs the longest a records request waits
 * @param responseMinBytes answer a records request once this many bytes are collected; -1 to answer
 *     as soon as there are records
 * @param kafkaSettings consumer settings the request sets
 */
record CreateConsumerRequest(
    String name,
    EmbeddedFormat format,
    long requestTimeoutMs,
    long responseMinBytes,
    Map<String, Object> kafkaSettings) {

  static CreateConsumerRequest parse(
      JsonNode body, String proxyId, long serverRequestTimeoutMs, SchemaFormats schemaFormats) {
    JsonNode json = body == null ? JsonNodeFactory.instance.objectNode() : body;
    if (!json.isObject()) {
      throw HttpError.badRequest("The consumer creation body must be a JSON object");
    }
    Map<String, Object> kafka = new HashMap<>();
    String id = text(json, "id");
    String name = id != null ? id : text(json, "name");
    if (id != null) {
      kafka.put(ConsumerConfig.CLIENT_ID_CONFIG, id);
    }
    if (name == null) {
      name = "rest-consumer-" + (proxyId.isEmpty() ? "" : proxyId + "-") + UUID.randomUUID();
    }
    if (name.isBlank() || name.contains("/")) {
      throw HttpError.unprocessable("Invalid consumer instance name '" + name + "'");
    }
    String formatName = text(json, "format");
    EmbeddedFormat format = EmbeddedFormats.BINARY;
    if (formatName != null) {
      Optional<? extends EmbeddedFormat> named = schemaFormats.byName(formatName, 422);
      if (named.isEmpty()) {
        named = EmbeddedFormats.byName(formatName);
      }
      format = named.orElseThrow(() -> HttpError.unprocessable("Invalid format type."));
    }
    String reset = text(json, "auto.offset.reset");
    if (reset != null) {
      kafka.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, reset);
    }
    String autoCommit = text(json, "auto.commit.enable");
    if (autoCommit != null) {
      kafka.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, autoCommit);
    }
    long minBytes = number(json, "fetch.min.bytes", -1);
    if (minBytes < -1 || minBytes > 10_000_000) {
      throw new HttpError(
          422,
          40001,
          "Invalid consumer configuration. It does not abide by the constraints: fetch.min.bytes"
              + " must be between -1 and 10000000, not "
              + minBytes);
    }
    long timeout = number(json, "consumer.request.timeout.ms", serverRequestTimeoutMs);
    if (timeout <= 0) {
      throw new HttpError(
          422,
          42204,
          "Invalid consumer configuration: consumer.request.timeout.ms must be positive");
    }
    return new CreateConsumerRequest(name, format, timeout, minBytes, kafka);
  }

  private static String text(JsonNode json, String field) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isValueNode()) {
      throw HttpError.badRequest("'" + field + "' must be a string");
    }
    return node.asText();
  }

  private static long number(JsonNode json, String field, long fallback) {
    String text = text(json, field);
    if (text == null) {
      return fallback;
    }
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new HttpError(
          422, 42204, "Invalid consumer configuration: '" + field + "' must be a number: " + text);
    }
  }
}
