package dev.wharf.proxy.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.wharf.core.http.Json;
import java.io.IOException;

/**
 * How one embedded format carries Kafka keys and values inside JSON: it turns the JSON a client
 * sent into the bytes written to Kafka, and the bytes read from Kafka back into JSON. A format is
 * one small class; adding Avro or JSON Schema means adding one more.
 */
public interface EmbeddedFormat {

  /** The name clients use: {@code binary}, {@code json}. */
  String name();

  /**
   * The v2 media type that selects this format, e.g. {@code application/vnd.kafka.json.v2+json}.
   */
  String mediaType();

  /**
   * The bytes for {@code data} (the key or value as the client sent it); {@code null} for a JSON
   * null or a missing field.
   *
   * @param what names the field for error messages, such as {@code "records[2].value"}
   * @throws dev.wharf.core.http.HttpError 400 when {@code data} is not valid for this format
   */
  byte[] encode(JsonNode data, String what);

  /**
   * As {@link #encode(JsonNode, String)}, for the value at the current token of a streaming {@code
   * parser} reading {@code source} from offset 0; the value is consumed. The default reads the
   * value as a tree; a format may read it more cheaply, but must give the same bytes.
   *
   * @throws IOException when the JSON is malformed
   */
  default byte[] encode(JsonParser parser, byte[] source, String what) throws IOException {
    JsonNode data = Json.mapper().readTree(parser);
    return encode(data == null ? NullNode.getInstance() : data, what);
  }

  /**
   * True when this format stores a {@link PlainJson plain} JSON value as the value's own bytes (and
   * a JSON null as no bytes), so a reader that has checked a value with {@link PlainJson#valueEnd}
   * may copy it instead of calling {@code encode}.
   */
  default boolean storesPlainJsonAsIs() {
    return false;
  }

  /**
   * The JSON for {@code bytes} read from Kafka; a JSON null for {@code null}.
   *
   * @throws FormatException when the bytes are not valid for this format
   */
  JsonNode decode(byte[] bytes);
}
