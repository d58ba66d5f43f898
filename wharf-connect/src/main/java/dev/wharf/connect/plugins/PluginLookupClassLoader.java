package dev.wharf.connect.plugins;

import java.util.Objects;

/**
 * A class loader that finds every plugin by class name or alias, whichever plugin location it was
 * loaded from, and every other class through the worker's class loader. It plays the part of
 * Apache's DelegatingClassLoader as the context class loader while the runtime parses connector and
 * worker configs: kafka-clients' {@code ConfigDef} parses {@code CLASS} settings ({@code
 * key.converter}, {@code transforms.<alias>.type}, ...) through the context class loader, so under
 * this loader {@code JsonConverter} or a converter installed on plugin.path parse as they do in
 * Apache. It defines no classes of its own.
 */
final class PluginLookupClassLoader extends ClassLoader {
  static {
    ClassLoader.registerAsParallelCapable();
  }

  private final PluginRegistry registry;

  PluginLookupClassLoader(PluginRegistry registry, ClassLoader workerLoader) {
    super("wharf-plugins", Objects.requireNonNull(workerLoader, "workerLoader"));
    this.registry = registry;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    PluginDescriptor plugin;
    try {
      plugin = registry.find(name, Object.class);
    } catch (AmbiguousPluginException e) {
      throw new ClassNotFoundException(e.getMessage(), e);
    }
    return plugin != null ? plugin.pluginClass() : super.loadClass(name, resolve);
  }
}
