package dev.wharf.proxy.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The json format's shortcuts must be invisible: whatever it stores or answers is byte for byte
 * what Jackson's tree would have given, and invalid bytes still fail.
 */
class JsonFormatTest {
  private static final EmbeddedFormat JSON = EmbeddedFormats.JSON;

  private static final List<String> VALUES =
      List.of(
          "{\"id\":1,\"payload\":\"xxxx\"}",
          "{}",
          "[]",
          "[1,-2,0,true,false,null,\"s\",{\"a\":[{}]}]",
          "{ \"spaced\" : 1 }",
          "{\"a\":1,\"a\":2}",
          "{\"a\":{\"b\":1},\"b\":{\"b\":2}}",
          "{\"f\":1.50}",
          "{\"e\":1e3}",
          "{\"z\":-0}",
          "{\"big\":123456789012345678901234567890}",
          "{\"esc\":\"a\\\"b\\u0041\\/\"}",
          "{\"utf8\":\"h\u00e9llo \u2603\"}",
          "[\"tab\\tin\"]\n",
          "  {\"lead\":true}",
          "{\"trail\":1} xyz",
          "{\"n\":[[[[[[1]]]]]]}",
          "\"text\"",
          "42",
          "null");

  @Test
  void decodedValuesWriteAsTheTreeWould() throws Exception {
    for (String value : VALUES) {
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      JsonNode decoded = JSON.decode(bytes);
      assertThat(new String(Json.bytes(decoded), StandardCharsets.UTF_8))
          .as(value)
          .isEqualTo(new String(Json.bytes(Json.mapper().readTree(bytes)), StandardCharsets.UTF_8));
    }
  }

  @Test
  void encodedValuesAreWhatTheTreeWouldStore() throws Exception {
    for (String value : VALUES) {
      byte[] body = ("{\"value\":" + value + ",\"after\":1}").getBytes(StandardCharsets.UTF_8);
      if (value.endsWith("xyz")) {
        continue; // not a value that can sit inside a document
      }
      try (JsonParser parser = Json.mapper().getFactory().createParser(body)) {
        parser.nextToken();
        parser.nextToken();
        parser.nextToken();
        byte[] streamed = JSON.encode(parser, body, "value");
        parser.nextToken();
        assertThat(parser.currentName()).isEqualTo("after");
        JsonNode tree = Json.mapper().readTree(body).get("value");
        assertThat(streamed).as(value).isEqualTo(JSON.encode(tree, "value"));
      }
    }
  }

  @Test
  void invalidJsonStillFailsToDecode() {
    for (String value :
        List.of("{\"a\":}", "{\"a\":1", "[1,]", "{\"a\" 1}", "{\"a\":tru}", "{\"a\":01}", "{")) {
      assertThatThrownBy(() -> JSON.decode(value.getBytes(StandardCharsets.UTF_8)))
          .as(value)
          .isInstanceOf(FormatException.class);
    }
  }

  @Test
  void onlyCompactEscapeFreeDocumentsArePlain() {
    assertThat(PlainJson.isPlain(bytes("{\"id\":12,\"p\":\"x y\",\"l\":[null,true,-3]}"))).isTrue();
    for (String value :
        List.of(
            "{\"a\":1,\"a\":1}",
            "{\"a\": 1}",
            "{\"a\":1.0}",
            "{\"a\":-0}",
            "{\"a\":\"\\n\"}",
            "{\"a\":\"\u00e9\"}",
            "{\"a\":1}x",
            "{\"a\":1,}",
            "[1 ]",
            "\"s\"")) {
      assertThat(PlainJson.isPlain(bytes(value))).as(value).isFalse();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
