package dev.wharf.connect.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class RecordTextTest {
  @Test
  void stringsAndScalarsAreWrittenAsTheyAre() {
    assertThat(RecordText.of("plain")).isEqualTo("plain");
    assertThat(RecordText.of(42)).isEqualTo("42");
    assertThat(RecordText.of(null)).isEqualTo("null");
    assertThat(RecordText.of(new byte[] {1, 2, 3})).isEqualTo("AQID");
    assertThat(RecordText.of(new Date(0))).isEqualTo("1970-01-01T00:00:00Z");
  }

  @Test
  void structsAreJsonInSchemaOrder() {
    Schema schema =
        SchemaBuilder.struct()
            .field("name", Schema.STRING_SCHEMA)
            .field("count", Schema.INT32_SCHEMA)
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    Struct struct =
        new Struct(schema)
            .put("name", "a \"quoted\"\nline")
            .put("count", 3)
            .put("tags", List.of("x", "y"));
    assertThat(RecordText.of(struct))
        .isEqualTo(
            "{\"name\":\"a \\\"quoted\\\"\\nline\",\"count\":3,\"tags\":[\"x\",\"y\"],\"note\":null}");
  }

  @Test
  void mapsAreJson() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("price", new BigDecimal("1E+2"));
    map.put("ok", true);
    map.put("nested", Map.of("nan", Double.NaN));
    assertThat(RecordText.of(map))
        .isEqualTo("{\"price\":100,\"ok\":true,\"nested\":{\"nan\":\"NaN\"}}");
  }
}
