package dev.wharf.connect.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the plugin classes of one plugin location by reading class file headers: a public concrete
 * class is a plugin of every {@link PluginType} it reaches through its superclasses and interfaces.
 * Ancestors outside the plugin (the connect-api types themselves, or a base class from the worker's
 * class path) are loaded through the plugin's class loader to check them; the plugin's own classes
 * are only loaded once they are known to be plugins. This is Apache's class scanning, used for
 * plugins that ship no ServiceLoader manifests.
 */
final class ClassScanner {
  private static final Logger log = LoggerFactory.getLogger(ClassScanner.class);

  private final Map<String, ClassFileHeader> headers;
  private final ClassLoader loader;
  private final Map<String, Set<PluginType>> typesByClass = new HashMap<>();

  private ClassScanner(Map<String, ClassFileHeader> headers, ClassLoader loader) {
    this.headers = headers;
    this.loader = loader;
  }

  /** Reads the class headers of every JAR or class directory in {@code classPath}. */
  static ClassScanner of(List<URL> classPath, ClassLoader loader) {
    Map<String, ClassFileHeader> headers = new HashMap<>();
    for (URL url : classPath) {
      try {
        Path path = Path.of(url.toURI());
        if (Files.isDirectory(path)) {
          readDirectory(path, headers);
        } else {
          readJar(path, headers);
        }
      } catch (IOException | URISyntaxException | RuntimeException e) {
        log.warn("Could not scan {} for plugin classes: {}", url, e.toString());
      }
    }
    return new ClassScanner(headers, loader);
  }

  /** Every plugin class found, with the plugin types it implements, in class name order. */
  Map<String, Set<PluginType>> pluginClasses() {
    Map<String, Set<PluginType>> plugins = new TreeMap<>();
    for (ClassFileHeader header : headers.values()) {
      if (header.isPublicConcreteClass()) {
        Set<PluginType> types = typesOf(header.name());
        if (!types.isEmpty()) {
          plugins.put(header.name(), types);
        }
      }
    }
    return plugins;
  }

  private Set<PluginType> typesOf(String className) {
    Set<PluginType> known = typesByClass.get(className);
    if (known != null) {
      return known;
    }
    // Marks the class as in progress, so a malformed cyclic hierarchy cannot recurse forever.
    typesByClass.put(className, Collections.emptySet());
    Set<PluginType> types;
    ClassFileHeader header = headers.get(className);
    // A class the loader takes from the worker (a bundled copy of connect-api, say) is judged by
    // the worker's version of it, exactly as the plugin will see it at run time.
    if (header == null || !IsolationRules.loadsInIsolation(className)) {
      types = typesOfLoadedClass(className);
    } else {
      types = EnumSet.noneOf(PluginType.class);
      List<String> ancestors = new ArrayList<>(header.interfaces());
      if (header.superName() != null) {
        ancestors.add(header.superName());
      }
      for (String ancestor : ancestors) {
        types.addAll(typesOf(ancestor));
      }
    }
    typesByClass.put(className, types);
    return types;
  }

  private Set<PluginType> typesOfLoadedClass(String className) {
    if (className.equals("java.lang.Object")) {
      return Collections.emptySet();
    }
    try {
      Class<?> type = Class.forName(className, false, loader);
      Set<PluginType> types = EnumSet.noneOf(PluginType.class);
      for (PluginType pluginType : PluginType.values()) {
        if (pluginType.baseType().isAssignableFrom(type)) {
          types.add(pluginType);
        }
      }
      return types;
    } catch (ClassNotFoundException | LinkageError e) {
      // A dependency the plugin does not bundle: nothing below it can be a usable plugin.
      return Collections.emptySet();
    }
  }

  private static void readJar(Path jar, Map<String, ClassFileHeader> headers) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      for (JarEntry entry : Collections.list(file.entries())) {
        if (isScannableClass(entry.getName())) {
          try (InputStream in = file.getInputStream(entry)) {
            add(ClassFileHeader.read(in), headers, jar);
          } catch (IOException e) {
            log.debug("Skipping unreadable class {} in {}: {}", entry.getName(), jar, e.toString());
          }
        }
      }
    }
  }

  private static void readDirectory(Path directory, Map<String, ClassFileHeader> headers)
      throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (isScannableClass(directory.relativize(file).toString())) {
          try (InputStream in = Files.newInputStream(file)) {
            add(ClassFileHeader.read(in), headers, directory);
          } catch (IOException e) {
            log.debug("Skipping unreadable class {}: {}", file, e.toString());
          }
        }
      }
    }
  }

  private static boolean isScannableClass(String entryName) {
    return entryName.endsWith(".class")
        && !entryName.startsWith("META-INF")
        && !entryName.endsWith("module-info.class")
        && !entryName.endsWith("package-info.class");
  }

  private static void add(ClassFileHeader header, Map<String, ClassFileHeader> headers, Path from) {
    // The first copy of a class wins, as it does for the class loader over the same URLs.
    if (headers.putIfAbsent(header.name(), header) != null) {
      log.debug(
          "Class {} appears more than once in a plugin; ignoring the copy in {}",
          header.name(),
          from);
    }
  }
}
