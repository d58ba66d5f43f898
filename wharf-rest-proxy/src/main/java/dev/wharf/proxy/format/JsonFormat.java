package dev.wharf.proxy.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.wharf.core.http.Json;
import dev.wharf.proxy.http.MediaTypes;
import java.io.IOException;

/** Keys and values as any JSON value, stored in Kafka as its UTF-8 JSON text. */
final class JsonFormat implements EmbeddedFormat {

  @Override
  public String name() {
    return "json";
  }

  @Override
  public String mediaType() {
    return MediaTypes.JSON_V2;
  }

  @Override
  public byte[] encode(JsonNode data, String what) {
    return data == null || data.isNull() ? null : Json.bytes(data);
  }

  @Override
  public byte[] encode(JsonParser parser, byte[] source, String what) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
      return CompactJson.encode(parser, source);
    }
    return EmbeddedFormat.super.encode(parser, source, what);
  }

  /** Jackson writes a plain value back byte for byte, so its bytes are what the tree would give. */
  @Override
  public boolean storesPlainJsonAsIs() {
    return true;
  }

  @Override
  public JsonNode decode(byte[] bytes) {
    if (bytes == null) {
      return NullNode.getInstance();
    }
    try {
      return CompactJson.decode(bytes);
    } catch (IOException e) {
      throw new FormatException("the bytes are not valid JSON");
    }
  }
}
