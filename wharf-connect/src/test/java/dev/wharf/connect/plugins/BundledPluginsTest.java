package dev.wharf.connect.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.common.config.provider.DirectoryConfigProvider;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.connector.policy.AllConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.connector.policy.NoneConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.connector.policy.PrincipalConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.converters.IntegerConverter;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plugins every Wharf worker has without any plugin.path. */
class BundledPluginsTest {
  private static final String KAFKA_VERSION = AppInfoParser.getVersion();
  private static Plugins plugins;

  @BeforeAll
  static void load() {
    plugins = Plugins.load(List.of());
  }

  @AfterAll
  static void close() {
    plugins.close();
  }

  @Test
  void apacheConverterClassNamesResolveToWharfsImplementations() {
    for (String type :
        List.of("ByteArray", "Short", "Integer", "Long", "Float", "Double", "Boolean")) {
      String className = "org.apache.kafka.connect.converters." + type + "Converter";
      for (String name : List.of(className, type + "Converter", type)) {
        assertThat(plugins.newConverter(name).getClass().getName()).isEqualTo(className);
        assertThat(plugins.newHeaderConverter(name).getClass().getName()).isEqualTo(className);
      }
    }
  }

  @Test
  void connectApiAndConnectJsonConvertersAreBundled() {
    assertThat(plugins.newConverter("Json")).isInstanceOf(JsonConverter.class);
    assertThat(plugins.newHeaderConverter("JsonConverter")).isInstanceOf(JsonConverter.class);
    assertThat(plugins.newConverter("String")).isInstanceOf(StringConverter.class);
    // The short alias comes from the converter type and still works for the header converter.
    assertThat(plugins.newHeaderConverter("String")).isInstanceOf(StringConverter.class);
    assertThat(plugins.newHeaderConverter("SimpleHeaderConverter").getClass().getName())
        .isEqualTo("org.apache.kafka.connect.storage.SimpleHeaderConverter");
  }

  @Test
  void standardTransformsAndPredicatesAreBundled() {
    Transformation<?> transform =
        plugins.newTransformation("org.apache.kafka.connect.transforms.Cast$Value");
    assertThat(transform.getClass().getName())
        .isEqualTo("org.apache.kafka.connect.transforms.Cast$Value");
    assertThat(plugins.newTransformation("RegexRouter").getClass().getSimpleName())
        .isEqualTo("RegexRouter");
    assertThat(plugins.newPredicate("TopicNameMatches").getClass().getSimpleName())
        .isEqualTo("TopicNameMatches");
    assertThat(plugins.newPredicate("RecordIsTombstone").getClass().getSimpleName())
        .isEqualTo("RecordIsTombstone");
  }

  @Test
  void nestedKeyAndValueTransformsShareTheirSimpleNamesSoOnlyFullNamesWork() {
    assertThatThrownBy(() -> plugins.newTransformation("Value"))
        .isInstanceOf(AmbiguousPluginException.class)
        .hasMessageContaining("org.apache.kafka.connect.transforms.Cast$Value")
        .hasMessageContaining("org.apache.kafka.connect.transforms.ReplaceField$Value");
  }

  @Test
  void configProvidersAndOverridePoliciesResolveByAlias() {
    assertThat(plugins.newConfigProvider("FileConfigProvider"))
        .isInstanceOf(FileConfigProvider.class);
    assertThat(plugins.newConfigProvider("Directory")).isInstanceOf(DirectoryConfigProvider.class);
    assertThat(plugins.newConfigProvider("EnvVar")).isInstanceOf(EnvVarConfigProvider.class);
    assertThat(plugins.newOverridePolicy("None"))
        .isInstanceOf(NoneConnectorClientConfigOverridePolicy.class);
    assertThat(plugins.newOverridePolicy("Principal"))
        .isInstanceOf(PrincipalConnectorClientConfigOverridePolicy.class);
    assertThat(plugins.newOverridePolicy("All"))
        .isInstanceOf(AllConnectorClientConfigOverridePolicy.class);
  }

  @Test
  void descriptorsCarryApachesTypeNamesAndVersions() {
    assertThat(plugins.descriptors())
        .extracting(
            PluginDescriptor::className, PluginDescriptor::typeName, PluginDescriptor::version)
        .contains(
            tuple(JsonConverter.class.getName(), "converter", KAFKA_VERSION),
            tuple(JsonConverter.class.getName(), "header_converter", KAFKA_VERSION),
            tuple(IntegerConverter.class.getName(), "converter", KAFKA_VERSION),
            tuple(IntegerConverter.class.getName(), "header_converter", KAFKA_VERSION),
            tuple("org.apache.kafka.connect.transforms.Filter", "transformation", KAFKA_VERSION),
            tuple(
                "org.apache.kafka.connect.transforms.predicates.HasHeaderKey",
                "predicate",
                KAFKA_VERSION),
            tuple(FileConfigProvider.class.getName(), "configprovider", "undefined"),
            tuple(
                AllConnectorClientConfigOverridePolicy.class.getName(),
                "connector_client_config_override_policy",
                KAFKA_VERSION));
    assertThat(plugins.descriptors())
        .allMatch(d -> d.location().equals(PluginDescriptor.CLASSPATH));
  }

  @Test
  void connectorPluginListingShowsOnlyWhatApacheShows() {
    // Wharf bundles no connector; only the test connectors this module's test manifests declare.
    assertThat(plugins.connectorPlugins(true))
        .extracting(PluginDescriptor::className)
        .containsOnly(
            "dev.wharf.connect.testing.CountingSourceConnector",
            "dev.wharf.connect.testing.ReconfigurableSourceConnector",
            "dev.wharf.connect.testing.RecordingSinkConnector");
    assertThat(plugins.connectorPlugins(false))
        .extracting(PluginDescriptor::type)
        .containsOnly(
            PluginType.SOURCE,
            PluginType.SINK,
            PluginType.CONVERTER,
            PluginType.HEADER_CONVERTER,
            PluginType.TRANSFORMATION,
            PluginType.PREDICATE)
        .isSorted();
  }

  @Test
  void configDefDescribesTheResolvedPlugin() {
    assertThat(plugins.configDef("Json").names()).contains("schemas.enable", "converter.type");
    assertThat(plugins.configDef("Integer").names()).containsExactly("converter.type");
    assertThat(plugins.configDef("FileConfigProvider").names()).isEmpty();
  }

  @Test
  void classOnTheWorkerClassPathWithoutManifestResolvesByClassName() {
    PluginDescriptor descriptor =
        plugins.resolve(WorkerOnlyConverter.class.getName(), Converter.class);

    assertThat(descriptor.pluginClass()).isSameAs(WorkerOnlyConverter.class);
    assertThat(descriptor.location()).isEqualTo(PluginDescriptor.CLASSPATH);
    assertThatThrownBy(
            () -> plugins.resolve(WorkerOnlyConverter.class.getName(), ConfigProvider.class))
        .isInstanceOf(UnknownPluginException.class)
        .hasMessageStartingWith(
            "Failed to find any class that implements ConfigProvider and which name matches "
                + WorkerOnlyConverter.class.getName()
                + ", available ConfigProviders are: ");
    assertThatThrownBy(() -> plugins.resolve("java.lang.Object"))
        .isInstanceOf(UnknownPluginException.class)
        .hasMessage("Unknown plugin java.lang.Object.");
  }

  @Test
  void unknownHeaderConverterNamesTheInterface() {
    assertThatThrownBy(() -> plugins.newHeaderConverter("Avro"))
        .isInstanceOf(UnknownPluginException.class)
        .hasMessageStartingWith(
            "Failed to find any class that implements "
                + HeaderConverter.class.getSimpleName()
                + " and which name matches Avro, available plugins are: ")
        .hasMessageContaining(JsonConverter.class.getName());
  }

  /** A converter on the worker's class path that no ServiceLoader manifest lists. */
  public static class WorkerOnlyConverter extends StringConverter {}
}
