package dev.wharf.proxy.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.proxy.format.EmbeddedFormat;
import dev.wharf.proxy.format.EmbeddedFormats;
import dev.wharf.proxy.produce.V2Records.Outgoing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parser-free reader of v2 produce bodies must be invisible: every body it accepts yields
 * exactly the records (bytes, partitions) the general reader yields, and every body it is unsure of
 * goes to the general reader, whose answer (or error) stands.
 */
class PlainV2BodyTest {
  /** The json format as the general reader sees it: without the plain-JSON shortcut. */
  private static final EmbeddedFormat GENERAL_JSON =
      new EmbeddedFormat() {
        @Override
        public String name() {
          return EmbeddedFormats.JSON.name();
        }

        @Override
        public String mediaType() {
          return EmbeddedFormats.JSON.mediaType();
        }

        @Override
        public byte[] encode(JsonNode data, String what) {
          return EmbeddedFormats.JSON.encode(data, what);
        }

        @Override
        public byte[] encode(JsonParser parser, byte[] source, String what) throws IOException {
          return EmbeddedFormats.JSON.encode(parser, source, what);
        }

        @Override
        public JsonNode decode(byte[] bytes) {
          return EmbeddedFormats.JSON.decode(bytes);
        }
      };

  private static final List<String> ACCEPTED =
      List.of(
          "{\"records\":[{\"value\":{\"id\":1,\"payload\":\"xxxx\"}}]}",
          "{\"records\":[{\"value\":{\"a\":1}},{\"value\":[1,2]},{\"value\":\"s\"},{\"value\":7}]}",
          "{ \"records\" : [ { \"key\" : \"k\" , \"value\" : {\"a\":[]} , \"partition\" : 0 } ] }\n",
          "{\"records\":[{\"partition\":12,\"value\":true,\"key\":null},{\"value\":null}]}",
          "{\"records\":[{\"value\":false,\"partition\":null},{}]}",
          "{\"records\":[{\"value\":{\"n\":[[[[1]]]],\"m\":-5}}]}");

  private static final List<String> DECLINED =
      List.of(
          "",
          "{}",
          "{\"records\":[]}",
          "{\"records\":{}}",
          "{\"records\":[{\"value\":1.5}]}",
          "{\"records\":[{\"value\":{ \"spaced\" : [ ] }}]}",
          "{\"records\":[{\"value\":{\"a\":1,\"a\":2}}]}",
          "{\"records\":[{\"value\":\"esc\\\"aped\"}]}",
          "{\"records\":[{\"value\":\"h\u00e9llo\"}]}",
          "{\"records\":[{\"value\":{\"z\":-0}}]}",
          "{\"records\":[{\"value\":1,\"value\":2}]}",
          "{\"records\":[{\"value\":1,\"other\":2}]}",
          "{\"records\":[{\"value\":1,\"partition\":-1}]}",
          "{\"records\":[{\"value\":1,\"partition\":01}]}",
          "{\"records\":[{\"value\":1,\"partition\":1.0}]}",
          "{\"records\":[{\"value\":1,\"partition\":\"1\"}]}",
          "{\"records\":[{\"value\":1,\"partition\":12345678901}]}",
          "{\"records\":[{\"value\":1}],\"value_schema\":\"x\"}",
          "{\"records\":[{\"value\":1}]} trailing",
          "{\"records\":[{\"value\":1}]",
          "{\"records\":[{\"value\":{\"a\":1}",
          "{\"records\":[{\"value\":1},]}",
          "[{\"value\":1}]");

  @Test
  void acceptedBodiesGiveTheGeneralReadersRecords() {
    for (String body : ACCEPTED) {
      for (Integer pathPartition : new Integer[] {null, 3}) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        List<Outgoing> plain = PlainV2Body.read(bytes, pathPartition);
        assertThat(plain).as(body).isNotNull();
        assertSameRecords(body, plain, V2Records.parse(bytes, GENERAL_JSON, pathPartition));
      }
    }
  }

  @Test
  void declinedBodiesAreLeftToTheGeneralReader() {
    for (String body : DECLINED) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      assertThat(PlainV2Body.read(bytes, null)).as(body).isNull();
      // And the json format's answer, through the shortcut, is still the general reader's.
      Throwable general = catchThrowable(() -> V2Records.parse(bytes, GENERAL_JSON, null));
      Throwable viaJson = catchThrowable(() -> V2Records.parse(bytes, EmbeddedFormats.JSON, null));
      if (general == null) {
        assertSameRecords(
            body,
            V2Records.parse(bytes, EmbeddedFormats.JSON, null),
            V2Records.parse(bytes, GENERAL_JSON, null));
      } else {
        assertThat(viaJson).as(body).hasSameClassAs(general).hasMessage(general.getMessage());
      }
    }
  }

  @Test
  void theBenchmarkShapedBodyIsReadWithoutAParser() {
    StringBuilder body = new StringBuilder("{\"records\":[");
    for (int i = 0; i < 100; i++) {
      body.append(i == 0 ? "" : ",")
          .append("{\"value\":{\"id\":")
          .append(i)
          .append(",\"payload\":\"")
          .append("x".repeat(170))
          .append("\"}}");
    }
    byte[] bytes = body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    List<Outgoing> plain = PlainV2Body.read(bytes, null);
    assertThat(plain).hasSize(100);
    assertSameRecords("benchmark body", plain, V2Records.parse(bytes, GENERAL_JSON, null));
  }

  private static void assertSameRecords(String body, List<Outgoing> actual, List<Outgoing> want) {
    assertThat(actual).as(body).hasSameSizeAs(want);
    for (int i = 0; i < want.size(); i++) {
      assertThat(actual.get(i).key()).as(body + " key " + i).isEqualTo(want.get(i).key());
      assertThat(actual.get(i).value()).as(body + " value " + i).isEqualTo(want.get(i).value());
      assertThat(actual.get(i).partition())
          .as(body + " partition " + i)
          .isEqualTo(want.get(i).partition());
    }
  }
}
