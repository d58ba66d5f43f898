package dev.wharf.registry.election;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.core.http.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;

/**
 * What a registry instance tells its group: the URL other instances forward writes to, and whether
 * it may lead. Encoded as Confluent's member metadata ({@code version}, {@code host}, {@code port},
 * {@code scheme}, {@code master_eligibility}).
 */
record MemberIdentity(URI url, boolean eligible) {

  ByteBuffer encode() {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("version", 1);
    node.put("host", url.getHost());
    node.put("port", url.getPort());
    node.put("scheme", url.getScheme());
    node.put("master_eligibility", eligible);
    return ByteBuffer.wrap(Json.bytes(node));
  }

  static MemberIdentity decode(ByteBuffer data) {
    byte[] bytes = new byte[data.remaining()];
    data.duplicate().get(bytes);
    try {
      JsonNode node = Json.mapper().readTree(bytes);
      URI url =
          URI.create(
              node.path("scheme").asText("http")
                  + "://"
                  + node.path("host").asText()
                  + ":"
                  + node.path("port").asInt());
      return new MemberIdentity(url, node.path("master_eligibility").asBoolean(true));
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }
}
