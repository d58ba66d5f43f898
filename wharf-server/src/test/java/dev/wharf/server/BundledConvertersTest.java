package dev.wharf.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.connect.plugins.Plugins;
import java.util.List;
import org.apache.kafka.connect.storage.Converter;
import org.junit.jupiter.api.Test;

/** The converters the distribution bundles with Connect, under the names users' configs use. */
class BundledConvertersTest {
  @Test
  void confluentConverterNamesResolveToWharfsSchemaRegistryConverters() {
    try (Plugins plugins = Plugins.load(List.of())) {
      assertThat(
              plugins
                  .resolve("io.confluent.connect.avro.AvroConverter", Converter.class)
                  .className())
          .isEqualTo("dev.wharf.serdes.connect.AvroConverter");
      assertThat(
              plugins
                  .resolve("io.confluent.connect.json.JsonSchemaConverter", Converter.class)
                  .className())
          .isEqualTo("dev.wharf.serdes.connect.JsonSchemaConverter");
      assertThat(plugins.resolve("AvroConverter", Converter.class).className())
          .isEqualTo("dev.wharf.serdes.connect.AvroConverter");
      assertThat(plugins.newConverter("io.confluent.connect.avro.AvroConverter"))
          .isInstanceOf(Converter.class);
    }
  }
}
