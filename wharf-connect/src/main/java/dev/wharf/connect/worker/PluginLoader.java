package dev.wharf.connect.worker;

/**
 * What the worker needs of the plugin layer: a new instance of a plugin named by class or alias,
 * and the class loader its code must run with.
 */
public interface PluginLoader {
  /**
   * A new instance of the plugin {@code name} (a class name or alias) that is a {@code kind}.
   *
   * @throws org.apache.kafka.connect.errors.ConnectException naming the plugin when it is unknown
   *     or of another kind
   */
  <T> T newInstance(String name, Class<T> kind);

  /** The class loader of the plugin that defines {@code type}. */
  ClassLoader loaderOf(Class<?> type);
}
