package dev.wharf.connect.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.BooleanSerializer;
import org.apache.kafka.common.serialization.DoubleSerializer;
import org.apache.kafka.common.serialization.FloatSerializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.ShortSerializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.converters.BooleanConverter;
import org.apache.kafka.connect.converters.ByteArrayConverter;
import org.apache.kafka.connect.converters.DoubleConverter;
import org.apache.kafka.connect.converters.FloatConverter;
import org.apache.kafka.connect.converters.IntegerConverter;
import org.apache.kafka.connect.converters.LongConverter;
import org.apache.kafka.connect.converters.ShortConverter;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Wharf's converters under Apache's names write and read what Kafka's serializers do. */
class BundledConvertersTest {

  record Case(Converter converter, Serializer<Object> serializer, Object value, Schema schema) {
    @Override
    public String toString() {
      return converter.getClass().getSimpleName();
    }
  }

  @SuppressWarnings("unchecked")
  private static Serializer<Object> serializer(Serializer<?> serializer) {
    return (Serializer<Object>) serializer;
  }

  static List<Case> numberConverters() {
    return List.of(
        new Case(
            new ShortConverter(),
            serializer(new ShortSerializer()),
            (short) -1234,
            Schema.OPTIONAL_INT16_SCHEMA),
        new Case(
            new IntegerConverter(),
            serializer(new IntegerSerializer()),
            123_456_789,
            Schema.OPTIONAL_INT32_SCHEMA),
        new Case(
            new LongConverter(),
            serializer(new LongSerializer()),
            Long.MIN_VALUE + 7,
            Schema.OPTIONAL_INT64_SCHEMA),
        new Case(
            new FloatConverter(),
            serializer(new FloatSerializer()),
            3.25f,
            Schema.OPTIONAL_FLOAT32_SCHEMA),
        new Case(
            new DoubleConverter(),
            serializer(new DoubleSerializer()),
            -0.125d,
            Schema.OPTIONAL_FLOAT64_SCHEMA),
        new Case(
            new BooleanConverter(),
            serializer(new BooleanSerializer()),
            true,
            Schema.OPTIONAL_BOOLEAN_SCHEMA));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("numberConverters")
  void writesTheSerializersBytesAndReadsThemBack(Case c) {
    c.converter().configure(Map.of(), false);
    byte[] bytes = c.converter().fromConnectData("topic", c.schema(), c.value());

    assertThat(bytes).isEqualTo(c.serializer().serialize("topic", c.value()));
    SchemaAndValue back = c.converter().toConnectData("topic", bytes);
    assertThat(back.value()).isEqualTo(c.value());
    assertThat(back.schema()).isEqualTo(c.schema());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("numberConverters")
  void convertsNullToNullBothWays(Case c) {
    c.converter().configure(Map.of(), true);

    assertThat(c.converter().fromConnectData("topic", null, null)).isNull();
    assertThat(c.converter().toConnectData("topic", null))
        .isEqualTo(new SchemaAndValue(c.schema(), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("numberConverters")
  void rejectsValuesOfAnotherTypeAndMalformedBytes(Case c) {
    c.converter().configure(Map.of(), false);

    assertThatThrownBy(() -> c.converter().fromConnectData("topic", null, "not a number"))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("java.lang.String");
    assertThatThrownBy(() -> c.converter().toConnectData("topic", new byte[] {1, 2, 3}))
        .isInstanceOf(DataException.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("numberConverters")
  void worksAsHeaderConverterAndReportsKafkasVersion(Case c) {
    HeaderConverter headers = (HeaderConverter) c.converter();
    headers.configure(Map.of("converter.type", "header"));

    byte[] bytes = headers.fromConnectHeader("topic", "h", c.schema(), c.value());
    assertThat(headers.toConnectHeader("topic", "h", bytes).value()).isEqualTo(c.value());
    assertThat(c.converter().version()).isEqualTo(AppInfoParser.getVersion());
    assertThat(c.converter().config().names()).containsExactly("converter.type");
  }

  @Test
  void configureWithoutConverterTypeIsAnError() {
    assertThatThrownBy(() -> new IntegerConverter().configure(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("converter.type");
  }

  @Test
  void booleanConverterChecksTheSchemaTypeAndNumberConvertersDoNot() {
    assertThatThrownBy(
            () -> new BooleanConverter().fromConnectData("t", Schema.INT32_SCHEMA, Boolean.TRUE))
        .isInstanceOf(DataException.class);
    assertThat(new IntegerConverter().fromConnectData("t", Schema.STRING_SCHEMA, 1))
        .isEqualTo(new IntegerSerializer().serialize("t", 1));
  }

  @Test
  void byteArrayConverterPassesBytesThrough() {
    ByteArrayConverter converter = new ByteArrayConverter();
    converter.configure(Map.of(), false);
    byte[] bytes = {0, 1, 2, (byte) 0xff};

    assertThat(converter.fromConnectData("t", Schema.BYTES_SCHEMA, bytes)).isSameAs(bytes);
    assertThat(converter.fromConnectData("t", null, null)).isNull();
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    buffer.position(2);
    assertThat(converter.fromConnectData("t", null, buffer)).isEqualTo(bytes);
    assertThat(converter.toConnectData("t", bytes))
        .isEqualTo(new SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA, bytes));
    assertThat(converter.toConnectData("t", null).value()).isNull();
    assertThat(converter.fromConnectHeader("t", "h", null, bytes)).isSameAs(bytes);
  }

  @Test
  void byteArrayConverterRejectsOtherSchemasAndValues() {
    ByteArrayConverter converter = new ByteArrayConverter();

    assertThatThrownBy(() -> converter.fromConnectData("t", Schema.STRING_SCHEMA, new byte[0]))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("STRING");
    assertThatThrownBy(() -> converter.fromConnectData("t", null, "text"))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("java.lang.String");
  }
}
