package dev.wharf.connect.plugins;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.connect.connector.Connector;

/**
 * The discovered plugins, indexed by class name and by alias. Aliases are computed as Apache does:
 * every plugin is known by its simple class name and by that name without its type's suffix ({@link
 * PluginType#aliasSuffix()}). An alias that two different classes share is not dropped silently:
 * looking it up fails with both class names. Lookups are per kind of plugin, so a converter and a
 * connector may share an alias without making either ambiguous.
 */
final class PluginRegistry {
  /** Newest version first; at equal versions an isolated plugin before the class path's. */
  private static final Comparator<PluginDescriptor> PREFERENCE =
      Comparator.comparing(PluginDescriptor::version, PluginVersions.ORDER)
          .thenComparing(PluginDescriptor::isolated)
          .reversed();

  private final List<PluginDescriptor> descriptors;
  private final Map<String, List<PluginDescriptor>> byClassName = new LinkedHashMap<>();
  private final Map<String, Set<String>> classNamesByAlias = new HashMap<>();

  PluginRegistry(List<PluginDescriptor> descriptors) {
    this.descriptors = List.copyOf(descriptors);
    for (PluginDescriptor descriptor : descriptors) {
      byClassName.computeIfAbsent(descriptor.className(), n -> new ArrayList<>()).add(descriptor);
      for (String alias : aliasesOf(descriptor)) {
        classNamesByAlias.computeIfAbsent(alias, a -> new TreeSet<>()).add(descriptor.className());
      }
    }
  }

  List<PluginDescriptor> descriptors() {
    return descriptors;
  }

  /** The simple class name and the pruned name of a plugin, e.g. JsonConverter and Json. */
  static Set<String> aliasesOf(PluginDescriptor descriptor) {
    String simpleName = descriptor.pluginClass().getSimpleName();
    int suffixAt = simpleName.lastIndexOf(descriptor.type().aliasSuffix());
    String pruned = suffixAt > 0 ? simpleName.substring(0, suffixAt) : simpleName;
    return Set.copyOf(List.of(simpleName, pruned));
  }

  /**
   * The plugin implementing {@code kind} that {@code nameOrAlias} names, in its preferred version,
   * or null when none does; throws when an alias is ambiguous.
   */
  PluginDescriptor find(String nameOrAlias, Class<?> kind) {
    List<PluginDescriptor> versions = findAll(nameOrAlias, kind);
    return versions.isEmpty() ? null : preferred(versions);
  }

  /**
   * Every installed copy (every version and location) of the plugin class implementing {@code kind}
   * that {@code nameOrAlias} names; empty when none does; throws when an alias is ambiguous.
   */
  List<PluginDescriptor> findAll(String nameOrAlias, Class<?> kind) {
    List<PluginDescriptor> exact = ofKind(byClassName.get(nameOrAlias), kind);
    if (!exact.isEmpty()) {
      return exact;
    }
    List<String> matches =
        classNamesByAlias.getOrDefault(nameOrAlias, Set.of()).stream()
            .filter(className -> !ofKind(byClassName.get(className), kind).isEmpty())
            .toList();
    if (matches.size() > 1) {
      throw new AmbiguousPluginException(
          nameOrAlias,
          matches,
          "More than one "
              + label(kind)
              + " matches alias "
              + nameOrAlias
              + ". Please use full package and class name instead. Classes found: "
              + String.join(", ", matches));
    }
    if (matches.isEmpty()) {
      String wharfClass = ConfluentNames.wharfClass(nameOrAlias);
      return wharfClass == null ? List.of() : ofKind(byClassName.get(wharfClass), kind);
    }
    return ofKind(byClassName.get(matches.get(0)), kind);
  }

  /** The error for a name that matches no plugin of {@code kind}, in Apache's words. */
  UnknownPluginException unknown(String nameOrAlias, Class<?> kind) {
    if (kind == Object.class) {
      return new UnknownPluginException(nameOrAlias, "Unknown plugin " + nameOrAlias + ".");
    }
    String available =
        descriptors.stream()
            .filter(d -> kind.isAssignableFrom(d.type().baseType()))
            .map(PluginDescriptor::className)
            .distinct()
            .sorted()
            .collect(Collectors.joining(", "));
    String plural =
        kind == Connector.class
            ? "connectors"
            : kind == ConfigProvider.class ? "ConfigProviders" : "plugins";
    return new UnknownPluginException(
        nameOrAlias,
        "Failed to find any class that implements "
            + kind.getSimpleName()
            + " and which name matches "
            + nameOrAlias
            + ", available "
            + plural
            + " are: "
            + available);
  }

  private static String label(Class<?> kind) {
    if (kind == Object.class) {
      return "plugin";
    }
    return kind == Connector.class ? "connector" : kind.getSimpleName();
  }

  private static List<PluginDescriptor> ofKind(
      Collection<PluginDescriptor> candidates, Class<?> kind) {
    if (candidates == null) {
      return List.of();
    }
    return candidates.stream().filter(d -> kind.isAssignableFrom(d.type().baseType())).toList();
  }

  /** The newest of several copies of a plugin; an isolated one when versions are equal. */
  static PluginDescriptor preferred(List<PluginDescriptor> candidates) {
    return candidates.stream().min(PREFERENCE).orElseThrow();
  }
}
