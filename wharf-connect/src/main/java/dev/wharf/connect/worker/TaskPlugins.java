package dev.wharf.connect.worker;

import dev.wharf.connect.plugins.Plugins;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.ConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * Builds a task's converters and transformation chain from its connector's config, falling back to
 * the worker's converters, with Apache's key layout: {@code key.converter} plus {@code
 * key.converter.*}, {@code transforms=a,b} with {@code transforms.a.type}, {@code
 * transforms.a.predicate}, {@code transforms.a.negate}, and {@code predicates.p.type}.
 */
final class TaskPlugins {
  static final String DEFAULT_HEADER_CONVERTER =
      "org.apache.kafka.connect.storage.SimpleHeaderConverter";

  private final Plugins plugins;
  private final Map<String, String> worker;

  TaskPlugins(Plugins plugins, Map<String, String> worker) {
    this.plugins = plugins;
    this.worker = worker;
  }

  RecordConverters converters(Map<String, String> connector) {
    Converter key = converter("key.converter", connector, true);
    Converter value = converter("value.converter", connector, false);
    HeaderConverter header = headerConverter(connector);
    return new RecordConverters(key, value, header);
  }

  private Converter converter(String prefix, Map<String, String> connector, boolean isKey) {
    Map<String, String> source = connector.containsKey(prefix) ? connector : worker;
    String name = source.get(prefix);
    if (name == null || name.isBlank()) {
      throw new ConnectException("Missing required configuration \"" + prefix + "\"");
    }
    Converter converter = plugins.newConverter(name.trim());
    converter.configure(ClientConfigs.withPrefix(source, prefix + "."), isKey);
    // Apache's JsonConverter with schemas: the same output, without re-reading every envelope's
    // schema.
    return EnvelopeJsonConverter.wrap(converter);
  }

  private HeaderConverter headerConverter(Map<String, String> connector) {
    String prefix = "header.converter";
    Map<String, String> source = connector.containsKey(prefix) ? connector : worker;
    String name = source.getOrDefault(prefix, DEFAULT_HEADER_CONVERTER);
    HeaderConverter converter = plugins.newHeaderConverter(name.trim());
    Map<String, Object> settings = new HashMap<>(ClientConfigs.withPrefix(source, prefix + "."));
    settings.put(ConverterConfig.TYPE_CONFIG, ConverterType.HEADER.getName());
    converter.configure(settings);
    return converter;
  }

  <R extends ConnectRecord<R>> TransformationChain<R> transformations(
      Map<String, String> connector) {
    List<TransformationChain.Stage<R>> stages = new ArrayList<>();
    for (String alias : list(connector.get("transforms"))) {
      String prefix = "transforms." + alias + ".";
      String type = connector.get(prefix + "type");
      if (type == null) {
        throw new ConnectException(
            "Missing required configuration \"" + prefix + "type\" which has no default value.");
      }
      Transformation<R> transformation = plugins.newTransformation(type.trim());
      Map<String, String> settings = ClientConfigs.withPrefix(connector, prefix);
      settings.remove("type");
      settings.remove("predicate");
      settings.remove("negate");
      transformation.configure(settings);
      String predicateAlias = connector.get(prefix + "predicate");
      Predicate<R> predicate = null;
      if (predicateAlias != null && !predicateAlias.isBlank()) {
        predicate = predicate(predicateAlias.trim(), connector);
      }
      boolean negate =
          Boolean.parseBoolean(connector.getOrDefault(prefix + "negate", "false").trim());
      stages.add(new TransformationChain.Stage<>(alias, transformation, predicate, negate));
    }
    return new TransformationChain<>(stages);
  }

  private <R extends ConnectRecord<R>> Predicate<R> predicate(
      String alias, Map<String, String> connector) {
    String prefix = "predicates." + alias + ".";
    String type = connector.get(prefix + "type");
    if (type == null || !list(connector.get("predicates")).contains(alias)) {
      throw new ConnectException("Predicate '" + alias + "' is not defined in \"predicates\"");
    }
    Predicate<R> predicate = plugins.newPredicate(type.trim());
    Map<String, String> settings = ClientConfigs.withPrefix(connector, prefix);
    settings.remove("type");
    predicate.configure(settings);
    return predicate;
  }

  static List<String> list(String value) {
    List<String> result = new ArrayList<>();
    if (value != null) {
      for (String item : value.split(",")) {
        if (!item.isBlank()) {
          result.add(item.trim());
        }
      }
    }
    return result;
  }
}
