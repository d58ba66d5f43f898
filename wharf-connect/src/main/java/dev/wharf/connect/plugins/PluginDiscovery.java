package dev.wharf.connect.plugins;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.file.Path;
import java.sql.Driver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers the plugins of one source: an isolated plugin location, through its ServiceLoader
 * manifests and class scanning (Apache's {@code hybrid_warn} discovery: plugins found only by
 * scanning still load, with a warning naming them), or the worker's class path, through manifests
 * alone. Each plugin is instantiated once, with its own loader as context class loader, to read its
 * version, as Apache does; a plugin that cannot be instantiated is logged and left out.
 */
final class PluginDiscovery {
  private static final Logger log = LoggerFactory.getLogger(PluginDiscovery.class);
  private static final int MAX_DRIVER_FAILURES = 20;

  private PluginDiscovery() {}

  /**
   * The plugins of an isolated location loaded by {@code loader} from {@code classPath}.
   *
   * @throws ConnectException in {@link PluginDiscoveryMode#HYBRID_FAIL} mode, when scanning finds
   *     plugins that are missing from the location's manifests
   */
  static List<PluginDescriptor> isolated(
      Path location, PluginClassLoader loader, List<URL> classPath, PluginDiscoveryMode mode) {
    // findResources, not getResources: only this plugin's own manifests, not the worker's.
    Map<String, Set<PluginType>> all =
        mode.readsManifests()
            ? listedInManifests(loader::findResources, "plugin " + location)
            : new LinkedHashMap<>();
    Map<String, Set<PluginType>> scanned =
        mode.scansClasses() ? ClassScanner.of(classPath, loader).pluginClasses() : Map.of();
    List<String> withoutManifest = new ArrayList<>();
    scanned.forEach(
        (name, types) -> {
          Set<PluginType> listed = all.computeIfAbsent(name, n -> EnumSet.noneOf(PluginType.class));
          if (!listed.containsAll(types)) {
            withoutManifest.add(name + " " + types);
          }
          listed.addAll(types);
        });
    if (!withoutManifest.isEmpty() && mode != PluginDiscoveryMode.ONLY_SCAN) {
      String message =
          "Plugin "
              + location
              + " has plugins without ServiceLoader manifests (KIP-898), found by class scanning: "
              + withoutManifest;
      if (mode == PluginDiscoveryMode.HYBRID_FAIL) {
        throw new ConnectException(
            message + ". Add the manifests, or set " + PluginDiscoveryMode.CONFIG + "=hybrid_warn");
      }
      log.warn(message);
    }
    List<PluginDescriptor> plugins = describeAll(all, loader, location.toString());
    registerJdbcDrivers(location, loader);
    return plugins;
  }

  /** The plugins listed in the ServiceLoader manifests visible to the worker's class loader. */
  static List<PluginDescriptor> classPath(ClassLoader loader) {
    return describeAll(
        listedInManifests(loader::getResources, "the class path"),
        loader,
        PluginDescriptor.CLASSPATH);
  }

  /** Describes one class as a plugin of each of the given types it really implements. */
  @SuppressWarnings("try") // the scope only sets the context class loader
  static List<PluginDescriptor> describe(
      String className, Set<PluginType> types, ClassLoader loader, String location) {
    Class<?> pluginClass;
    try {
      pluginClass = Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      log.error("Could not load plugin class {} from {}: {}", className, location, e.toString());
      return List.of();
    }
    if (loader instanceof PluginClassLoader && pluginClass.getClassLoader() != loader) {
      // The class is one the worker shares with every plugin; it is the class path's plugin.
      log.debug("{} in {} is taken from the worker's class path", className, location);
      return List.of();
    }
    List<PluginType> implemented = new ArrayList<>();
    for (PluginType type : types) {
      if (type.baseType().isAssignableFrom(pluginClass)) {
        implemented.add(type);
      } else {
        log.error(
            "{} in {} is listed as a {} but does not implement {}",
            className,
            location,
            type,
            type.baseType().getName());
      }
    }
    if (implemented.isEmpty()) {
      return List.of();
    }
    Optional<String> problem = instantiationProblem(pluginClass);
    if (problem.isPresent()) {
      log.error("Skipping plugin {} in {}: {}", className, location, problem.get());
      return List.of();
    }
    String version;
    try (LoaderScope scope = LoaderScope.enter(loader)) {
      version = versionOf(pluginClass.getDeclaredConstructor().newInstance());
    } catch (InvocationTargetException e) {
      log.error(
          "Skipping plugin {} in {}: its constructor failed", className, location, e.getCause());
      return List.of();
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      log.error("Skipping plugin {} in {}: it could not be instantiated", className, location, e);
      return List.of();
    }
    return implemented.stream()
        .map(type -> new PluginDescriptor(pluginClass, type, version, location))
        .toList();
  }

  /** Why instances of {@code pluginClass} cannot be created reflectively, if they cannot. */
  private static Optional<String> instantiationProblem(Class<?> pluginClass) {
    int modifiers = pluginClass.getModifiers();
    if (Modifier.isAbstract(modifiers) || Modifier.isInterface(modifiers)) {
      return Optional.of("it is abstract");
    }
    if (!Modifier.isPublic(modifiers)) {
      return Optional.of("it is not public");
    }
    if (pluginClass.getEnclosingClass() != null && !Modifier.isStatic(modifiers)) {
      return Optional.of("it is an inner class that is not static");
    }
    try {
      Constructor<?> constructor = pluginClass.getDeclaredConstructor();
      if (!Modifier.isPublic(constructor.getModifiers())) {
        return Optional.of("its no-argument constructor is not public");
      }
    } catch (NoSuchMethodException e) {
      return Optional.of("it has no no-argument constructor");
    } catch (LinkageError e) {
      return Optional.of("a class it depends on is missing or invalid: " + e);
    }
    return Optional.empty();
  }

  /** Where ServiceLoader manifests of a given name are looked up. */
  private interface ManifestLookup {
    Enumeration<URL> find(String manifest) throws IOException;
  }

  private static Map<String, Set<PluginType>> listedInManifests(
      ManifestLookup lookup, String where) {
    Map<String, Set<PluginType>> listed = new LinkedHashMap<>();
    for (PluginType type : PluginType.values()) {
      try {
        for (String name : ServiceManifests.classNames(lookup.find(type.serviceManifest()))) {
          listed.computeIfAbsent(name, n -> EnumSet.noneOf(PluginType.class)).add(type);
        }
      } catch (IOException e) {
        log.error("Could not read the {} manifests of {}", type, where, e);
      }
    }
    return listed;
  }

  private static List<PluginDescriptor> describeAll(
      Map<String, Set<PluginType>> classes, ClassLoader loader, String location) {
    List<PluginDescriptor> plugins = new ArrayList<>();
    classes.forEach((name, types) -> plugins.addAll(describe(name, types, loader, location)));
    log.info(
        "Loaded {} plugins from {}: {}",
        plugins.size(),
        location,
        plugins.stream()
            .map(PluginDescriptor::className)
            .distinct()
            .collect(Collectors.joining(", ")));
    return Collections.unmodifiableList(plugins);
  }

  private static String versionOf(Object plugin) {
    if (!(plugin instanceof Versioned)) {
      return PluginDescriptor.UNDEFINED_VERSION;
    }
    try {
      String version = ((Versioned) plugin).version();
      // Apache shows a null version as the string "null"; so do we.
      return String.valueOf(version);
    } catch (RuntimeException | LinkageError e) {
      log.error("Plugin {} failed to report its version", plugin.getClass().getName(), e);
      return PluginDescriptor.UNDEFINED_VERSION;
    }
  }

  /**
   * Instantiates the JDBC drivers a plugin bundles so that they register with DriverManager, which
   * only looks for drivers on the worker's class path by itself.
   */
  @SuppressWarnings("try") // the scope only sets the context class loader
  private static void registerJdbcDrivers(Path location, ClassLoader loader) {
    try (LoaderScope scope = LoaderScope.enter(loader)) {
      Iterator<Driver> drivers = ServiceLoader.load(Driver.class, loader).iterator();
      // A broken driver entry fails one step of the iteration; the next step moves past it. The
      // bound guards against iterators that keep failing on the same entry (JDK-8196182).
      for (int failures = 0; failures < MAX_DRIVER_FAILURES; ) {
        try {
          if (!drivers.hasNext()) {
            return;
          }
          log.debug(
              "Registered JDBC driver {} from {}", drivers.next().getClass().getName(), location);
        } catch (ServiceConfigurationError | LinkageError e) {
          failures++;
          log.warn("Could not register a JDBC driver of plugin {}: {}", location, e.toString());
        }
      }
    }
  }
}
