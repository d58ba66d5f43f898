package dev.wharf.connect.worker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.Converter;
import org.junit.jupiter.api.Test;

/**
 * The cached JsonConverter is Apache's JsonConverter to the byte: every record written by both is
 * byte-identical, every envelope read by both gives equal schemas and values, and bad input fails
 * with the same error.
 */
class EnvelopeJsonConverterTest {
  private static final Schema ADDRESS =
      SchemaBuilder.struct()
          .name("address")
          .field("city", Schema.STRING_SCHEMA)
          .field("zip", Schema.OPTIONAL_INT32_SCHEMA)
          .optional()
          .build();

  private static final Schema ROW =
      SchemaBuilder.struct()
          .name("clicks")
          .version(2)
          .doc("one row")
          .field("id", Schema.INT64_SCHEMA)
          .field("i8", Schema.OPTIONAL_INT8_SCHEMA)
          .field("i16", Schema.INT16_SCHEMA)
          .field("i32", Schema.INT32_SCHEMA)
          .field("f32", Schema.FLOAT32_SCHEMA)
          .field("f64", Schema.OPTIONAL_FLOAT64_SCHEMA)
          .field("flag", Schema.BOOLEAN_SCHEMA)
          .field("text", Schema.OPTIONAL_STRING_SCHEMA)
          .field("raw", Schema.OPTIONAL_BYTES_SCHEMA)
          .field("amount", Decimal.builder(2).optional().build())
          .field("day", Date.builder().optional().build())
          .field("tod", Time.builder().optional().build())
          .field("at", Timestamp.builder().optional().build())
          .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
          .field(
              "scores",
              SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.FLOAT64_SCHEMA).optional().build())
          .field("labels", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build())
          .field("home", ADDRESS)
          .field("note", SchemaBuilder.string().optional().defaultValue("none").build())
          .build();

  private static JsonConverter apache(Map<String, String> extra) {
    JsonConverter converter = new JsonConverter();
    Map<String, String> config = new HashMap<>(extra);
    converter.configure(config, false);
    return converter;
  }

  private static Converter cached(Map<String, String> extra) {
    Converter converter = EnvelopeJsonConverter.wrap(apache(extra));
    assertThat(converter).isInstanceOf(EnvelopeJsonConverter.class);
    return converter;
  }

  private static Struct row(long id, String text, BigDecimal amount) {
    Map<Integer, Double> scores = new LinkedHashMap<>();
    scores.put(1, 0.5);
    scores.put(-3, 1e300);
    return new Struct(ROW)
        .put("id", id)
        .put("i8", (byte) -8)
        .put("i16", (short) 1600)
        .put("i32", Integer.MIN_VALUE)
        .put("f32", 1.25f)
        .put("f64", id % 2 == 0 ? null : 3.141592653589793)
        .put("flag", id % 2 == 0)
        .put("text", text)
        .put("raw", new byte[] {0, 1, (byte) 0xff})
        .put("amount", amount)
        .put("day", new java.util.Date(20455L * 86_400_000L))
        .put("tod", new java.util.Date(11_045_000L))
        .put("at", new java.util.Date(1767323045678L))
        .put("tags", List.of("a", "\"quoted\"", "ünï"))
        .put("scores", scores)
        .put("labels", Map.of("k", "v"))
        .put("home", id % 3 == 0 ? null : new Struct(ADDRESS).put("city", "Lyon").put("zip", 69001))
        .put("note", id % 2 == 0 ? null : "set");
  }

  private static List<Struct> rows() {
    List<Struct> rows = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      rows.add(row(i, i == 4 ? null : "line\n" + i + " \u00e9\u4e2d", new BigDecimal("12.3" + i)));
    }
    return rows;
  }

  private static void assertSameAsApache(Map<String, String> config) throws Exception {
    JsonConverter apache = apache(config);
    Converter cached = cached(config);
    for (Struct row : rows()) {
      byte[] expected = apache.fromConnectData("t", ROW, row);
      byte[] actual = cached.fromConnectData("t", ROW, row);
      assertThat(new String(actual, StandardCharsets.UTF_8))
          .isEqualTo(new String(expected, StandardCharsets.UTF_8));
      assertThat(cached.toConnectData("t", expected))
          .isEqualTo(apache.toConnectData("t", expected));
      if (!"false".equals(config.get("schemas.enable"))) {
        // The envelope is read from the cache, not handed back to Apache's converter.
        assertThat(((EnvelopeJsonConverter) cached).read(expected)).isNotNull();
      }
    }
  }

  @Test
  void writesTheSameBytesAndReadsTheSameRecordsAsApache() throws Exception {
    assertSameAsApache(Map.of());
    assertSameAsApache(Map.of("decimal.format", "NUMERIC"));
    assertSameAsApache(Map.of("replace.null.with.default", "false"));
    assertSameAsApache(Map.of("schemas.enable", "false"));
    assertSameAsApache(Map.of("schemas.enable", "false", "decimal.format", "NUMERIC"));
  }

  @Test
  void schemalessValuesAreWrittenAsApacheWritesThem() {
    JsonConverter apache = apache(Map.of("schemas.enable", "false"));
    Converter cached = cached(Map.of("schemas.enable", "false"));
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("a", 1L);
    map.put("b", List.of("x", true));
    map.put("c", null);
    for (Object value : List.of(map, "text", 5L, List.of(1, 2), new byte[] {1, 2})) {
      assertThat(cached.fromConnectData("t", null, value))
          .isEqualTo(apache.fromConnectData("t", null, value));
    }
    assertThat(cached.fromConnectData("t", null, null)).isNull();
    assertThat(cached.fromConnectData("t", Schema.OPTIONAL_STRING_SCHEMA, null))
        .isEqualTo(apache.fromConnectData("t", Schema.OPTIONAL_STRING_SCHEMA, null));
  }

  @Test
  void anEqualSchemaObjectGivesTheSameBytes() {
    JsonConverter apache = apache(Map.of());
    Converter cached = cached(Map.of());
    Schema first = SchemaBuilder.struct().name("r").field("a", Schema.INT32_SCHEMA).build();
    Schema second = SchemaBuilder.struct().name("r").field("a", Schema.INT32_SCHEMA).build();
    for (Schema schema : List.of(first, second, first)) {
      Struct value = new Struct(schema).put("a", 7);
      assertThat(cached.fromConnectData("t", schema, value))
          .isEqualTo(apache.fromConnectData("t", schema, value));
    }
    assertThat(cached.fromConnectData("t", Schema.OPTIONAL_STRING_SCHEMA, null))
        .isEqualTo(apache.fromConnectData("t", Schema.OPTIONAL_STRING_SCHEMA, null));
    assertThat(cached.fromConnectData("t", null, null)).isNull();
  }

  @Test
  void readsHandWrittenEnvelopesAsApacheDoes() {
    JsonConverter apache = apache(Map.of());
    Converter cached = cached(Map.of());
    String schema =
        "{\"type\":\"struct\",\"fields\":[{\"field\":\"id\",\"type\":\"int32\"},"
            + "{\"field\":\"n\",\"type\":\"string\",\"optional\":true,\"default\":\"d\"},"
            + "{\"field\":\"x\",\"type\":\"double\",\"optional\":true}]}";
    List<String> inputs =
        List.of(
            "{\"schema\":" + schema + ",\"payload\":{\"id\":1,\"n\":\"a\",\"x\":1.5}}",
            "{\"schema\":" + schema + ",\"payload\":{\"id\":2,\"n\":null,\"x\":1e400}}",
            "  {\"payload\" : {\"id\":3} ,\n \"schema\" : " + schema + " }  ",
            "{\"schema\":" + schema.replace(",", ", ") + ",\"payload\":{\"id\":04}}",
            "{\"schema\":{\"type\":\"string\"},\"payload\":\"just text\"}",
            "{\"schema\":null,\"payload\":{\"a\":1}}",
            // Errors: each must be the converter's own.
            "{\"schema\":" + schema + ",\"payload\":{\"id\":\"one\"}}",
            "{\"schema\":" + schema + ",\"payload\":{\"n\":\"no id\"}}",
            "{\"schema\":" + schema + ",\"payload\":{\"id\":1},\"extra\":true}",
            "{\"schema\":" + schema + ",\"schema\":" + schema + ",\"payload\":{\"id\":1}}",
            "{\"schema\":" + schema + "}",
            "{\"schema\":{\"type\":\"nope\"},\"payload\":{}}",
            "{\"schema\":" + schema + ",\"payload\":{\"id\":1}} trailing",
            "{\"schema\":" + schema + ",\"payload\":{\"id\":1",
            "[1,2]",
            "");
    for (String input : inputs) {
      byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
      Object expected = outcome(apache, bytes);
      Object actual = outcome(cached, bytes);
      assertThat(actual).as(input).isEqualTo(expected);
    }
    assertThat(cached.toConnectData("t", null)).isEqualTo(apache.toConnectData("t", null));
  }

  private static final Schema FLAT =
      SchemaBuilder.struct()
          .name("src")
          .field("id", Schema.INT64_SCHEMA)
          .field("i8", Schema.INT8_SCHEMA)
          .field("i16", Schema.INT16_SCHEMA)
          .field("i32", Schema.OPTIONAL_INT32_SCHEMA)
          .field("f32", Schema.FLOAT32_SCHEMA)
          .field("f64", Schema.FLOAT64_SCHEMA)
          .field("flag", Schema.BOOLEAN_SCHEMA)
          .field("a", Schema.STRING_SCHEMA)
          .field("day", Date.SCHEMA)
          .field("tod", Time.SCHEMA)
          .field("at", Timestamp.SCHEMA)
          .build();

  private static Struct flat(long id, Integer i32, float f32, double f64, String a) {
    return new Struct(FLAT)
        .put("id", id)
        .put("i8", (byte) (id % 128))
        .put("i16", (short) -id)
        .put("i32", i32)
        .put("f32", f32)
        .put("f64", f64)
        .put("flag", id % 2 == 0)
        .put("a", a)
        .put("day", new java.util.Date(20455L * 86_400_000L))
        .put("tod", new java.util.Date(86_399_999L))
        .put("at", new java.util.Date(id * 1_000_003L - 5_000_000L));
  }

  /** Rows of primitives and Date/Time/Timestamp, written and read without a JSON tree. */
  @Test
  void flatRowsAreWrittenAndReadAsApacheDoes() {
    List<Struct> rows =
        List.of(
            flat(1, 7, 1.25f, 0.1, "plain"),
            flat(
                Long.MAX_VALUE,
                Integer.MIN_VALUE,
                Float.MAX_VALUE,
                -1e-300,
                "\"q\" \\ \n \u00e9\u4e2d"),
            flat(Long.MIN_VALUE, null, Float.MIN_VALUE, 1e300, ""),
            flat(0, 0, -0.0f, Double.NaN, "\u0001\ud83d\ude00"),
            flat(42, 3, Float.POSITIVE_INFINITY, 3.141592653589793, "x".repeat(5000)));
    for (Map<String, String> config :
        List.of(Map.<String, String>of(), Map.of("schemas.enable", "false"))) {
      JsonConverter apache = apache(config);
      Converter cached = cached(config);
      for (Struct row : rows) {
        byte[] expected = apache.fromConnectData("t", FLAT, row);
        assertThat(new String(cached.fromConnectData("t", FLAT, row), StandardCharsets.UTF_8))
            .isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(outcome(cached, expected)).isEqualTo(outcome(apache, expected));
      }
    }
    // A Struct of an equal but other schema object, and a value of the wrong class.
    JsonConverter apache = apache(Map.of());
    Converter cached = cached(Map.of());
    cached.fromConnectData("t", FLAT, flat(1, 1, 1f, 1d, "a"));
    Schema copy = SchemaBuilder.struct().name("src").field("id", Schema.INT64_SCHEMA).build();
    Struct other = new Struct(copy).put("id", 5L);
    Schema same = SchemaBuilder.struct().name("src").field("id", Schema.INT64_SCHEMA).build();
    assertThat(cached.fromConnectData("t", same, other))
        .isEqualTo(apache.fromConnectData("t", same, other));
    Throwable expected = catchThrowable(() -> apache.fromConnectData("t", FLAT, "text"));
    assertThat(catchThrowable(() -> cached.fromConnectData("t", FLAT, "text")))
        .hasMessage(expected.getMessage())
        .isExactlyInstanceOf(expected.getClass());
  }

  @Test
  void readsHandWrittenFlatPayloadsAsApacheDoes() {
    JsonConverter apache = apache(Map.of());
    Converter cached = cached(Map.of());
    String schema =
        new String(apache.fromConnectData("t", FLAT, flat(1, 1, 1f, 1d, "a")), UTF_8)
            .replaceFirst("^\\{\"schema\":", "")
            .replaceFirst(",\"payload\":.*$", "");
    String rest = "\"f32\":1.5,\"f64\":2.5,\"flag\":true,\"day\":20455,\"tod\":1000,";
    List<String> payloads =
        List.of(
            "{\"id\":1,\"i8\":2,\"i16\":3,\"i32\":4," + rest + "\"a\":\"x\",\"at\":5}",
            "{\"at\":5,\"a\":\"x\"," + rest + "\"i32\":4,\"i16\":3,\"i8\":2,\"id\":1}",
            "{\"id\":1,\"i8\":2,\"i16\":3," + rest + "\"a\":\"x\",\"at\":5}",
            "{\"id\":1,\"i8\":2,\"i16\":3,\"i32\":null," + rest + "\"a\":\"x\",\"at\":5}",
            "{\"id\":1,\"i8\":2,\"i16\":3,\"i32\":4," + rest + "\"a\":\"x\",\"at\":5,\"z\":1}",
            "{\"id\":1,\"id\":9,\"i8\":2,\"i16\":3," + rest + "\"a\":\"x\",\"at\":5}",
            "{\"id\":\"1\",\"i8\":2,\"i16\":3," + rest + "\"a\":\"x\",\"at\":5}",
            "{\"id\":1.5,\"i8\":2,\"i16\":3," + rest + "\"a\":\"x\",\"at\":5}",
            "{\"id\":12345678901234567890,\"i8\":2,\"i16\":3," + rest + "\"a\":\"x\",\"at\":5}",
            "{\"id\":1,\"i8\":300,\"i16\":70000,\"i32\":3000000000,"
                + rest
                + "\"a\":\"x\",\"at\":5}",
            "{\"id\":1,\"i8\":2,\"i16\":3," + rest + "\"a\":7,\"at\":5}",
            "{\"id\":1,\"i8\":2,\"i16\":3," + rest + "\"a\":null,\"at\":5}",
            "{\"id\":1,\"i8\":2,\"i16\":3," + rest + "\"a\":\"x\",\"at\":5.0}",
            "{\"id\":1,\"i8\":2,\"i16\":3,"
                + rest.replace("1000", "90000000")
                + "\"a\":\"x\",\"at\":-5}",
            "{\"id\":1,\"i8\":2,\"i16\":3,"
                + rest.replace("true", "\"yes\"")
                + "\"a\":\"x\",\"at\":5}",
            "{\"id\":1,\"i8\":2,\"i16\":3," + rest + "\"a\":\"x\",\"at\":5",
            "{\"id\":1,\"i8\":2,\"i16\":3," + rest + "\"a\":\"x\"}");
    for (String payload : payloads) {
      byte[] bytes = ("{\"schema\":" + schema + ",\"payload\":" + payload + "}").getBytes(UTF_8);
      assertThat(outcome(cached, bytes)).as(payload).isEqualTo(outcome(apache, bytes));
    }
  }

  /** The record read, or the error's class and message. */
  private static Object outcome(Converter converter, byte[] bytes) {
    Throwable error = catchThrowable(() -> converter.toConnectData("t", bytes));
    if (error != null) {
      return error.getClass().getName() + ": " + error.getMessage();
    }
    SchemaAndValue read = converter.toConnectData("t", bytes);
    return read;
  }

  @Test
  void aConverterWithAFixedSchemaIsLeftAsItIs() {
    JsonConverter fixed = apache(Map.of("schema.content", "{\"type\":\"string\"}"));
    assertThat(EnvelopeJsonConverter.wrap(fixed)).isSameAs(fixed);
    Converter cached = cached(Map.of());
    assertThat(EnvelopeJsonConverter.converterClass(cached)).isEqualTo(JsonConverter.class);
  }
}
