package dev.wharf.proxy.format;

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
  public JsonNode decode(byte[] bytes) {
    if (bytes == null) {
      return NullNode.getInstance();
    }
    try {
      return Json.mapper().readTree(bytes);
    } catch (IOException e) {
      throw new FormatException("the bytes are not valid JSON");
    }
  }
}
