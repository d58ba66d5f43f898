package dev.wharf.proxy.produce;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.http.HttpError;
import dev.wharf.core.http.Json;
import dev.wharf.core.http.RequestBodies;
import dev.wharf.proxy.format.EmbeddedFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of a v2 produce request body, {@code {"records":[{"key":..,"value":..,"partition":
 * ..},...]}}, encoded by the request's format. Plain bodies in the json format are read without a
 * parser ({@link PlainV2Body}); other well-formed bodies are read in one streaming pass; anything
 * unusual (a malformed body, a field of the wrong type, no records) is read again as a tree, which
 * gives the same answer as always: the errors, their order and their messages are the tree
 * reader's.
 */
final class V2Records {
  /** One record of the request, encoded, with the partition it asked for (or null). */
  @SuppressWarnings("ArrayRecordComponent") // never compared or hashed, only sent
  record Outgoing(byte[] key, byte[] value, Integer partition) {}

  private V2Records() {}

  static List<Outgoing> parse(byte[] body, EmbeddedFormat format, Integer pathPartition) {
    return parse(body, format, format, pathPartition);
  }

  /**
   * As {@link #parse(byte[], EmbeddedFormat, Integer)}, with keys and values in their own formats.
   */
  static List<Outgoing> parse(
      byte[] body, EmbeddedFormat keyFormat, EmbeddedFormat valueFormat, Integer pathPartition) {
    List<Outgoing> records =
        keyFormat.storesPlainJsonAsIs() && valueFormat.storesPlainJsonAsIs()
            ? PlainV2Body.read(body, pathPartition)
            : null;
    if (records == null) {
      records = streaming(body, keyFormat, valueFormat, pathPartition);
    }
    return records != null
        ? records
        : fromTree(RequestBodies.jsonOrNull(body), keyFormat, valueFormat, pathPartition);
  }

  /** The records read in one pass, or null when the body needs the tree reader's judgement. */
  private static List<Outgoing> streaming(
      byte[] body, EmbeddedFormat keyFormat, EmbeddedFormat valueFormat, Integer pathPartition) {
    try (JsonParser parser = Json.mapper().getFactory().createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      List<Outgoing> records = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        if (field.equals("records")) {
          if (records != null || parser.currentToken() != JsonToken.START_ARRAY) {
            return null;
          }
          records = new ArrayList<>();
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            Outgoing record = record(parser, body, keyFormat, valueFormat, pathPartition);
            if (record == null) {
              return null;
            }
            records.add(record);
          }
          if (parser.currentToken() != JsonToken.END_ARRAY) {
            return null;
          }
        } else {
          parser.skipChildren();
        }
      }
      return records == null || records.isEmpty() ? null : records;
    } catch (IOException | HttpError e) {
      return null;
    }
  }

  private static Outgoing record(
      JsonParser parser,
      byte[] body,
      EmbeddedFormat keyFormat,
      EmbeddedFormat valueFormat,
      Integer pathPartition)
      throws IOException {
    // Errors found here send the body to the tree reader, which names the record in its messages;
    // so the names passed to the format are never shown and need not be built per record.
    byte[] key = null;
    byte[] value = null;
    Integer partition = pathPartition;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken token = parser.nextToken();
      // Plain comparisons, most frequent first: a string switch would hash every field name.
      if (field.equals("value")) {
        value = valueFormat.encode(parser, body, "value");
      } else if (field.equals("key")) {
        key = keyFormat.encode(parser, body, "key");
      } else if (field.equals("partition")) {
        if (token == JsonToken.VALUE_NUMBER_INT
            && parser.getNumberType() == JsonParser.NumberType.INT) {
          partition = pathPartition != null ? pathPartition : parser.getIntValue();
        } else if (token == JsonToken.VALUE_NULL) {
          partition = pathPartition;
        } else {
          return null;
        }
      } else {
        parser.skipChildren();
      }
    }
    return new Outgoing(key, value, partition);
  }

  private static List<Outgoing> fromTree(
      JsonNode body, EmbeddedFormat keyFormat, EmbeddedFormat valueFormat, Integer pathPartition) {
    if (body == null) {
      throw new HttpError(422, 42206, "Payload error. Request body is empty. Data is required.");
    }
    JsonNode records = body.get("records");
    if (!body.isObject() || records == null || !records.isArray()) {
      throw HttpError.badRequest("The request body must be an object with a 'records' array");
    }
    if (records.isEmpty()) {
      throw HttpError.unprocessable("records may not be empty");
    }
    List<Outgoing> result = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      JsonNode record = records.get(i);
      String where = "records[" + i + "]";
      if (!record.isObject()) {
        throw HttpError.badRequest(where + " must be an object");
      }
      Integer partition = pathPartition;
      JsonNode partitionNode = record.get("partition");
      if (pathPartition == null && partitionNode != null && !partitionNode.isNull()) {
        if (!partitionNode.canConvertToInt() || !partitionNode.isIntegralNumber()) {
          throw HttpError.badRequest(where + ".partition must be an integer");
        }
        partition = partitionNode.intValue();
      }
      result.add(
          new Outgoing(
              keyFormat.encode(record.get("key"), where + ".key"),
              valueFormat.encode(record.get("value"), where + ".value"),
              partition));
    }
    return result;
  }
}
