package dev.wharf.proxy.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.http.HttpError;
import dev.wharf.core.http.RequestBodies;
import dev.wharf.proxy.http.MediaTypes;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the bodies of consumer-control requests: {@code application/vnd.kafka.v2+json} or {@code
 * application/json}, or no body at all where none is needed; partitions, offsets and timestamps are
 * checked field by field with errors that quote the offending entry.
 */
final class ConsumerBodies {
  private static final List<String> CONTROL_TYPES = List.of(MediaTypes.V2, MediaTypes.JSON);

  private ConsumerBodies() {}

  /** A control request's body, or null when empty; a body needs a v2 or JSON Content-Type. */
  static JsonNode controlBody(Context ctx) {
    JsonNode body = RequestBodies.jsonOrNull(ctx);
    if (body != null || !RequestBodies.mediaType(ctx).isEmpty()) {
      RequestBodies.requireMediaType(ctx, CONTROL_TYPES);
    }
    if (body != null && !body.isObject()) {
      throw HttpError.badRequest("The request body must be a JSON object");
    }
    return body;
  }

  static JsonNode requiredBody(Context ctx) {
    JsonNode body = controlBody(ctx);
    if (body == null) {
      throw new HttpError(422, 42206, "Payload error. Request body is empty. Data is required.");
    }
    return body;
  }

  static List<TopicPartition> partitions(JsonNode body) {
    JsonNode partitions = body.get("partitions");
    if (partitions == null || partitions.isNull()) {
      throw HttpError.unprocessable("The body needs a 'partitions' list");
    }
    return array(partitions, "partitions").stream().map(ConsumerBodies::partition).toList();
  }

  static List<JsonNode> array(JsonNode node, String field) {
    if (!node.isArray()) {
      throw HttpError.badRequest("'" + field + "' must be a list");
    }
    List<JsonNode> items = new ArrayList<>();
    node.forEach(
        item -> {
          if (!item.isObject()) {
            throw HttpError.badRequest("Every entry of '" + field + "' must be an object");
          }
          items.add(item);
        });
    return items;
  }

  static List<String> strings(JsonNode node, String field) {
    if (!node.isArray()) {
      throw HttpError.badRequest("'" + field + "' must be a list of strings");
    }
    List<String> values = new ArrayList<>();
    node.forEach(
        item -> {
          if (!item.isTextual()) {
            throw HttpError.badRequest("'" + field + "' must be a list of strings");
          }
          values.add(item.textValue());
        });
    return values;
  }

  static TopicPartition partition(JsonNode entry) {
    JsonNode topic = entry.get("topic");
    if (topic == null || !topic.isTextual()) {
      throw HttpError.unprocessable("Every partition needs a 'topic' string");
    }
    return new TopicPartition(topic.textValue(), (int) longField(entry, "partition"));
  }

  static long longField(JsonNode entry, String field) {
    JsonNode value = entry.get(field);
    if (value == null || value.isNull()) {
      throw HttpError.unprocessable("Missing '" + field + "' in " + entry);
    }
    if (value.isIntegralNumber()) {
      return value.longValue();
    }
    try {
      return Long.parseLong(value.asText().trim());
    } catch (NumberFormatException e) {
      throw HttpError.badRequest("'" + field + "' must be a number in " + entry);
    }
  }

  static long timestamp(JsonNode entry) {
    JsonNode value = entry.get("timestamp");
    if (value == null || value.isNull()) {
      throw HttpError.unprocessable("Missing 'timestamp' in " + entry);
    }
    if (value.isIntegralNumber()) {
      return value.longValue();
    }
    try {
      return OffsetDateTime.parse(value.asText()).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(value.asText()).toEpochMilli();
      } catch (DateTimeParseException again) {
        throw HttpError.badRequest("'timestamp' must be an ISO-8601 date-time in " + entry);
      }
    }
  }

  static Map<String, Object> partitionJson(TopicPartition partition) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("topic", partition.topic());
    json.put("partition", partition.partition());
    return json;
  }
}
