package dev.wharf.connect.plugins;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;

/**
 * The class loader of one plugin location (a directory of JARs, an uber-JAR or a class directory).
 * It looks in the plugin first for every class and resource that {@link IsolationRules} lets a
 * plugin own, so two plugins can bundle different versions of the same library, and delegates to
 * the worker's loader for the shared APIs.
 */
final class PluginClassLoader extends URLClassLoader {
  static {
    ClassLoader.registerAsParallelCapable();
  }

  private final Path location;

  PluginClassLoader(Path location, List<URL> urls, ClassLoader parent) {
    super(
        "plugin:" + location.getFileName(),
        urls.toArray(new URL[0]),
        Objects.requireNonNull(parent, "parent"));
    this.location = location;
  }

  /** The plugin directory or JAR this loader was created for. */
  Path location() {
    return location;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null && IsolationRules.loadsInIsolation(name)) {
        try {
          loaded = findClass(name);
        } catch (ClassNotFoundException notInPlugin) {
          // Not bundled by the plugin: the worker's class path may still have it.
        }
      }
      if (loaded == null) {
        loaded = super.loadClass(name, false);
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  @Override
  public URL getResource(String name) {
    URL own = findResource(name);
    return own != null ? own : super.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    List<URL> urls = new ArrayList<>(Collections.list(findResources(name)));
    urls.addAll(Collections.list(getParent().getResources(name)));
    return Collections.enumeration(urls);
  }

  @Override
  public String toString() {
    return "PluginClassLoader{location=" + location + "}";
  }
}
