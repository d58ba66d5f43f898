package dev.wharf.connect.plugins;

import java.util.Locale;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * The kinds of plugin the Connect runtime loads, each identified by the connect-api (or
 * kafka-clients) type it implements. {@link #typeName()} is the lower-case name Apache Kafka
 * Connect shows in {@code GET /connector-plugins}; {@link #aliasSuffix()} is the suffix removed
 * from a simple class name to form the short alias ({@code FileStreamSourceConnector} becomes
 * {@code FileStreamSource}).
 */
public enum PluginType {
  SOURCE(SourceConnector.class, "Connector"),
  SINK(SinkConnector.class, "Connector"),
  CONVERTER(Converter.class, "Converter"),
  HEADER_CONVERTER(HeaderConverter.class, "HeaderConverter"),
  TRANSFORMATION(Transformation.class, "Transformation"),
  PREDICATE(Predicate.class, "Predicate"),
  /** Apache names this type {@code configprovider}, without an underscore. */
  CONFIG_PROVIDER(ConfigProvider.class, "ConfigProvider", "configprovider"),
  CONNECTOR_CLIENT_CONFIG_OVERRIDE_POLICY(
      ConnectorClientConfigOverridePolicy.class, "ConnectorClientConfigOverridePolicy");

  private final Class<?> baseType;
  private final String aliasSuffix;
  private final String typeName;

  PluginType(Class<?> baseType, String aliasSuffix) {
    this(baseType, aliasSuffix, null);
  }

  PluginType(Class<?> baseType, String aliasSuffix, String typeName) {
    this.baseType = baseType;
    this.aliasSuffix = aliasSuffix;
    this.typeName = typeName != null ? typeName : name().toLowerCase(Locale.ROOT);
  }

  /** The interface or abstract class a plugin of this type implements. */
  public Class<?> baseType() {
    return baseType;
  }

  /** Apache's lower-case name of this type, e.g. {@code source} or {@code header_converter}. */
  public String typeName() {
    return typeName;
  }

  /** The suffix that, when a simple class name ends with it, is dropped to form an alias. */
  public String aliasSuffix() {
    return aliasSuffix;
  }

  /** Whether plugins of this type are connectors (source or sink). */
  public boolean isConnector() {
    return this == SOURCE || this == SINK;
  }

  /** The ServiceLoader manifest that lists plugins of this type (KIP-898). */
  String serviceManifest() {
    return "META-INF/services/" + baseType.getName();
  }

  @Override
  public String toString() {
    return typeName;
  }
}
