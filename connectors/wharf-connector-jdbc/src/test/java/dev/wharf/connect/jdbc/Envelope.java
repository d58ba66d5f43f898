package dev.wharf.connect.jdbc;

import java.util.StringJoiner;

/**
 * JsonConverter messages with their schema ({@code schemas.enable=true}), the form a producer using
 * Connect's JSON format writes: {@code {"schema":{...},"payload":{...}}}.
 */
final class Envelope {
  private Envelope() {}

  /**
   * A struct message from (name, type, value) triples; a type ending in {@code ?} is optional, e.g.
   * {@code struct("id", "int32", 1, "name", "string?", "a")}.
   */
  static String struct(Object... triples) {
    StringJoiner fields = new StringJoiner(",");
    StringJoiner payload = new StringJoiner(",");
    for (int i = 0; i < triples.length; i += 3) {
      String name = (String) triples[i];
      String type = (String) triples[i + 1];
      boolean optional = type.endsWith("?");
      fields.add(
          "{\"field\":\""
              + name
              + "\",\"type\":\""
              + type.replace("?", "")
              + "\",\"optional\":"
              + optional
              + "}");
      payload.add("\"" + name + "\":" + json(triples[i + 2]));
    }
    return "{\"schema\":{\"type\":\"struct\",\"fields\":["
        + fields
        + "]},\"payload\":{"
        + payload
        + "}}";
  }

  static String json(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    return value.toString();
  }
}
