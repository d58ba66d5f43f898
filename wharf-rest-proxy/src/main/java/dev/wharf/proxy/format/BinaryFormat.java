package dev.wharf.proxy.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.wharf.core.http.HttpError;
import dev.wharf.proxy.http.MediaTypes;
import java.util.Base64;

/** Keys and values as base64 strings of the raw bytes. */
final class BinaryFormat implements EmbeddedFormat {

  @Override
  public String name() {
    return "binary";
  }

  @Override
  public String mediaType() {
    return MediaTypes.BINARY_V2;
  }

  @Override
  public byte[] encode(JsonNode data, String what) {
    if (data == null || data.isNull()) {
      return null;
    }
    if (!data.isTextual()) {
      throw HttpError.badRequest(what + " must be a base64 string in the binary format");
    }
    try {
      return Base64.getDecoder().decode(data.textValue());
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest(what + " is not valid base64: " + e.getMessage());
    }
  }

  @Override
  public JsonNode decode(byte[] bytes) {
    return bytes == null
        ? NullNode.getInstance()
        : TextNode.valueOf(Base64.getEncoder().encodeToString(bytes));
  }
}
