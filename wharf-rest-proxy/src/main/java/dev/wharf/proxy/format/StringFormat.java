package dev.wharf.proxy.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.wharf.core.http.HttpError;
import java.nio.charset.StandardCharsets;

/** Keys and values as UTF-8 text; the v3 {@code STRING} type, which v2 does not offer. */
final class StringFormat implements EmbeddedFormat {

  @Override
  public String name() {
    return "string";
  }

  @Override
  public String mediaType() {
    return "";
  }

  @Override
  public byte[] encode(JsonNode data, String what) {
    if (data == null || data.isNull()) {
      return null;
    }
    if (!data.isTextual()) {
      throw HttpError.badRequest(what + " must be a string for the STRING type");
    }
    return data.textValue().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public JsonNode decode(byte[] bytes) {
    return bytes == null
        ? NullNode.getInstance()
        : TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8));
  }
}
