package dev.wharf.connect.worker;

import org.apache.kafka.connect.errors.ConnectException;

/** Plugins from the test class path by class name, for tests of the worker alone. */
final class ClassPathPlugins implements PluginLoader {
  @Override
  public <T> T newInstance(String name, Class<T> kind) {
    try {
      Class<?> type = Class.forName(name);
      return kind.cast(type.getDeclaredConstructor().newInstance());
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new ConnectException("cannot create " + name + " as " + kind.getSimpleName(), e);
    }
  }

  @Override
  public ClassLoader loaderOf(Class<?> type) {
    return type.getClassLoader();
  }
}
