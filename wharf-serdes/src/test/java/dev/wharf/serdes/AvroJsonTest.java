package dev.wharf.serdes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.serdes.avro.AvroJson;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Schema SCHEMA =
      new Schema.Parser()
          .parse(
              "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
                  + "{\"name\":\"b\",\"type\":[\"null\",\"int\"],\"default\":null},"
                  + "{\"name\":\"c\",\"type\":\"bytes\"}]}");

  @Test
  void avroJsonEncodingRoundTripsWithWrappedUnions() throws Exception {
    JsonNode json = MAPPER.readTree("{\"a\":\"x\",\"b\":{\"int\":3},\"c\":\"\\u0001\\u00ff\"}");
    GenericRecord record = (GenericRecord) AvroJson.fromJson(json, SCHEMA);
    assertThat(record.get("a").toString()).isEqualTo("x");
    assertThat(record.get("b")).isEqualTo(3);
    assertThat(AvroJson.toJson(record, SCHEMA)).isEqualTo(json);
    assertThat(AvroJson.fromJson(MAPPER.readTree("\"s\""), Schema.create(Schema.Type.STRING)))
        .isEqualTo("s");
  }

  @Test
  void mismatchedJsonIsASerializationErrorNamingTheSchema() throws Exception {
    assertThatThrownBy(() -> AvroJson.fromJson(MAPPER.readTree("{\"a\":1}"), SCHEMA))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Avro schema R");
  }
}
