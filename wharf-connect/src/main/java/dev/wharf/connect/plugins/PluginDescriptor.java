package dev.wharf.connect.plugins;

/**
 * One discovered plugin: its class (loaded by the class loader of the plugin location it came
 * from), its type, its version as the plugin reports it through {@code Versioned} ({@link
 * #UNDEFINED_VERSION} when it does not) and its location: the plugin directory or JAR, or {@link
 * #CLASSPATH} for plugins bundled on the worker's own class path. A class implementing two plugin
 * interfaces (a converter that is also a header converter) has one descriptor per type.
 */
public record PluginDescriptor(
    Class<?> pluginClass, PluginType type, String version, String location) {

  /** The version of a plugin that does not implement {@code Versioned}, as Apache reports it. */
  public static final String UNDEFINED_VERSION = "undefined";

  /** The location of plugins bundled on the worker's class path. */
  public static final String CLASSPATH = "classpath";

  /** The fully qualified class name, e.g. {@code org.apache.kafka.connect.json.JsonConverter}. */
  public String className() {
    return pluginClass.getName();
  }

  /** Apache's lower-case type name, e.g. {@code source} or {@code header_converter}. */
  public String typeName() {
    return type.typeName();
  }

  /** The class loader of the plugin: an isolated plugin loader, or the worker's own. */
  public ClassLoader loader() {
    return pluginClass.getClassLoader();
  }

  /** Whether the plugin was loaded from a plugin.path location rather than the class path. */
  public boolean isolated() {
    return !CLASSPATH.equals(location);
  }
}
