package dev.wharf.connect.validation;

import dev.wharf.connect.plugins.LoaderScope;
import dev.wharf.connect.plugins.Plugins;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * Validates a connector config the way Apache Kafka Connect does: the runtime's own keys (sink or
 * source), each transformation's and predicate's keys under their alias, then the connector's own
 * {@code validate()}; answers every key with its definition, value and errors.
 */
public final class ConnectorValidator {
  private final Plugins plugins;

  public ConnectorValidator(Plugins plugins) {
    this.plugins = plugins;
  }

  /**
   * Validates {@code config}.
   *
   * @throws InvalidRequestException when it names no connector class at all
   */
  @SuppressWarnings("try")
  public ConfigInfos validate(Map<String, String> config) {
    String connectorClass = config.get("connector.class");
    if (connectorClass == null || connectorClass.isBlank()) {
      throw new InvalidRequestException(
          "Connector config " + config + " contains no connector type");
    }
    Connector connector;
    try {
      connector = plugins.newConnector(connectorClass.trim());
    } catch (org.apache.kafka.connect.errors.ConnectException e) {
      throw new InvalidRequestException(e.getMessage());
    }
    boolean sink = connector instanceof SinkConnector;
    ConfigDef framework = sink ? ConnectorConfigDefs.sink() : ConnectorConfigDefs.source();
    List<String> frameworkErrors = new ArrayList<>();
    ConfigDef enriched = enrich(framework, config, frameworkErrors);

    Map<String, ConfigValue> values = new LinkedHashMap<>();
    // CLASS settings (converters) name plugins by alias or from plugin.path, as in Apache.
    try (LoaderScope scope = LoaderScope.enter(plugins.lookupLoader())) {
      for (ConfigValue value : enriched.validate(config)) {
        values.put(value.name(), value);
      }
    }
    if (sink) {
      checkTopics(config, values);
    }
    ConfigDef connectorDef = connector.config() == null ? new ConfigDef() : connector.config();
    Config connectorResult;
    try (LoaderScope scope = LoaderScope.enterFor(connector)) {
      connectorResult = connector.validate(config);
    }
    for (ConfigValue value : connectorResult.configValues()) {
      ConfigValue existing = values.get(value.name());
      if (existing == null) {
        values.put(value.name(), value);
      } else {
        value.errorMessages().forEach(existing::addErrorMessage);
      }
    }
    Map<String, ConfigDef.ConfigKey> keys = new LinkedHashMap<>(enriched.configKeys());
    connectorDef.configKeys().forEach(keys::putIfAbsent);

    Set<String> groups = new LinkedHashSet<>(enriched.groups());
    groups.addAll(connectorDef.groups());
    List<ConfigInfos.ConfigInfo> infos = new ArrayList<>();
    int errors = 0;
    for (ConfigValue value : values.values()) {
      ConfigDef.ConfigKey key = keys.get(value.name());
      errors += value.errorMessages().size();
      infos.add(
          new ConfigInfos.ConfigInfo(key == null ? null : keyInfo(key), valueInfo(value, key)));
    }
    for (String error : frameworkErrors) {
      errors++;
      infos.add(
          new ConfigInfos.ConfigInfo(
              null,
              new ConfigInfos.ConfigValueInfo(
                  "transforms", null, List.of(), List.of(error), true)));
    }
    return new ConfigInfos(connectorClass, errors, List.copyOf(groups), infos);
  }

  private ConfigDef enrich(ConfigDef base, Map<String, String> config, List<String> errors) {
    ConfigDef result = new ConfigDef(base);
    embed(result, config, "transforms", "Transforms", Transformation.class, errors);
    embed(result, config, "predicates", "Predicates", Predicate.class, errors);
    return result;
  }

  private void embed(
      ConfigDef def,
      Map<String, String> config,
      String listKey,
      String groupPrefix,
      Class<?> kind,
      List<String> errors) {
    for (String alias : aliases(config.get(listKey))) {
      String prefix = listKey + "." + alias + ".";
      String group = groupPrefix + ": " + alias;
      def.define(
          prefix + "type",
          ConfigDef.Type.STRING,
          ConfigDef.NO_DEFAULT_VALUE,
          ConfigDef.Importance.HIGH,
          "Class of the '"
              + alias
              + "' "
              + kind.getSimpleName().toLowerCase(java.util.Locale.ROOT)
              + ".",
          group,
          0,
          ConfigDef.Width.LONG,
          kind.getSimpleName() + " type for " + alias);
      String type = config.get(prefix + "type");
      if (type == null || type.isBlank()) {
        continue;
      }
      ConfigDef own = new ConfigDef();
      if (kind == Transformation.class) {
        own.define(
            "predicate",
            ConfigDef.Type.STRING,
            "",
            ConfigDef.Importance.MEDIUM,
            "Alias of the predicate that decides whether this transformation applies.");
        own.define(
            "negate",
            ConfigDef.Type.BOOLEAN,
            false,
            ConfigDef.Importance.MEDIUM,
            "Apply the transformation where the predicate does not match.");
      }
      try {
        ConfigDef pluginDef =
            kind == Transformation.class
                ? plugins.newTransformation(type.trim()).config()
                : plugins.newPredicate(type.trim()).config();
        if (pluginDef != null) {
          pluginDef
              .configKeys()
              .forEach(
                  (name, key) -> {
                    if (!own.configKeys().containsKey(name)) {
                      own.define(key);
                    }
                  });
        }
      } catch (RuntimeException e) {
        errors.add(
            "Invalid value " + type + " for configuration " + prefix + "type: " + e.getMessage());
        continue;
      }
      def.embed(prefix, group, 1, own);
    }
  }

  private static void checkTopics(Map<String, String> config, Map<String, ConfigValue> values) {
    boolean topics = !config.getOrDefault("topics", "").isBlank();
    boolean regex = !config.getOrDefault("topics.regex", "").isBlank();
    String error = null;
    if (topics && regex) {
      error = "topics and topics.regex are mutually exclusive options, but both are set.";
    } else if (!topics && !regex) {
      error = "Must configure one of topics or topics.regex";
    }
    if (error != null) {
      for (String key : List.of("topics", "topics.regex")) {
        ConfigValue value = values.get(key);
        if (value != null) {
          value.addErrorMessage(error);
        }
      }
    }
  }

  private static List<String> aliases(String list) {
    List<String> result = new ArrayList<>();
    if (list != null) {
      for (String alias : list.split(",")) {
        if (!alias.isBlank() && !result.contains(alias.trim())) {
          result.add(alias.trim());
        }
      }
    }
    return result;
  }

  /** A key definition in the JSON shape of the validate and plugin config endpoints. */
  public static ConfigInfos.ConfigKeyInfo keyInfo(ConfigDef.ConfigKey key) {
    boolean required = !key.hasDefault();
    String defaultValue =
        required
            ? null
            : key.defaultValue == null
                ? null
                : ConfigDef.convertToString(key.defaultValue, key.type);
    return new ConfigInfos.ConfigKeyInfo(
        key.name,
        key.type.name(),
        required,
        defaultValue,
        key.importance == null ? null : key.importance.name(),
        key.documentation,
        key.group,
        key.orderInGroup,
        key.width == null ? null : key.width.name(),
        key.displayName,
        key.dependents == null ? List.of() : key.dependents);
  }

  private static ConfigInfos.ConfigValueInfo valueInfo(ConfigValue value, ConfigDef.ConfigKey key) {
    Object raw = value.value();
    String text;
    if (raw == null) {
      text = null;
    } else if (raw instanceof Password || (key != null && key.type == ConfigDef.Type.PASSWORD)) {
      text = "[hidden]";
    } else if (key != null) {
      text = ConfigDef.convertToString(raw, key.type);
    } else {
      text = String.valueOf(raw);
    }
    List<String> recommended = new ArrayList<>();
    for (Object recommendation : value.recommendedValues()) {
      recommended.add(String.valueOf(recommendation));
    }
    return new ConfigInfos.ConfigValueInfo(
        value.name(), text, recommended, List.copyOf(value.errorMessages()), value.visible());
  }
}
