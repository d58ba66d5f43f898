package dev.wharf.proxy.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.wharf.core.http.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * JSON objects and arrays passed through as bytes when that changes nothing. The json format used
 * to parse every value into a tree and write it back, which costs more than everything else a
 * record goes through; most values are already written exactly as Jackson would write them
 * (compact, no escapes, no floating-point numbers, no repeated keys), and for those the bytes are
 * validated by a streaming pass and copied. Any other value still takes the tree, so what is stored
 * and what is answered stays byte for byte what it was.
 */
final class CompactJson {
  private CompactJson() {}

  /**
   * The bytes to store for the object or array starting at the parser's current token, consuming
   * it; {@code source} is the array the parser reads from offset 0.
   */
  static byte[] encode(JsonParser parser, byte[] source) throws IOException {
    int start = (int) parser.currentTokenLocation().getByteOffset();
    boolean plain = walk(parser);
    int end = (int) parser.currentLocation().getByteOffset();
    if (plain && plainBytes(source, start, end)) {
      return Arrays.copyOfRange(source, start, end);
    }
    return Json.bytes(Json.mapper().readTree(source, start, end - start));
  }

  /**
   * The JSON for stored {@code bytes}: a node that writes them unchanged when they are a plain
   * object or array, else the parsed tree.
   *
   * @throws IOException when the bytes are not JSON
   */
  static JsonNode decode(byte[] bytes) throws IOException {
    if (PlainJson.isPlain(bytes)) {
      return new POJONode(new RawValue(new Utf8Raw(bytes, 0, bytes.length)));
    }
    return Json.mapper().readTree(bytes);
  }

  /**
   * Reads through the container at the current token, validating it; true unless it holds a number
   * Jackson would rewrite (a float) or a key repeated in one object (the tree keeps the last).
   */
  private static boolean walk(JsonParser parser) throws IOException {
    boolean plain = true;
    // The keys of every object being read, innermost last; where each object's keys start.
    List<String> keys = new ArrayList<>();
    int[] firstKey = new int[16];
    int depth = 0;
    firstKey[0] = 0;
    while (depth >= 0) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        throw new IOException("unexpected end of JSON");
      }
      switch (token) {
        case START_OBJECT, START_ARRAY -> {
          depth++;
          if (depth == firstKey.length) {
            firstKey = Arrays.copyOf(firstKey, depth * 2);
          }
          firstKey[depth] = keys.size();
        }
        case END_OBJECT, END_ARRAY -> {
          keys.subList(firstKey[depth], keys.size()).clear();
          depth--;
        }
        case FIELD_NAME -> {
          String name = parser.currentName();
          if (plain && keys.subList(firstKey[depth], keys.size()).contains(name)) {
            plain = false;
          }
          keys.add(name);
        }
        case VALUE_NUMBER_FLOAT -> plain = false;
        default -> {}
      }
    }
    return plain;
  }

  /**
   * True when the bytes are compact and escape-free: no whitespace outside strings, no backslash in
   * strings and no {@code -0} (which Jackson writes as 0).
   */
  private static boolean plainBytes(byte[] bytes, int start, int end) {
    boolean inString = false;
    for (int i = start; i < end; i++) {
      byte b = bytes[i];
      if (inString) {
        if (b == '\\') {
          return false;
        }
        inString = b != '"';
      } else if (b == '"') {
        inString = true;
      } else if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
        return false;
      } else if (b == '-' && i + 1 < end && bytes[i + 1] == '0') {
        return false;
      }
    }
    return true;
  }
}
