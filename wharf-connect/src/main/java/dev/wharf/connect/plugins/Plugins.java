package dev.wharf.connect.plugins;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.connect.components.ConnectPlugin;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins available to the Connect runtime: those bundled on the worker's class path and those
 * installed on {@code plugin.path}, each plugin location with its own isolated class loader. It
 * lists them (for {@code GET /connector-plugins}), resolves a class name or alias to a plugin
 * class, and creates instances with the plugin's loader as context class loader. Instances are
 * returned unconfigured: configuring them, inside a {@link LoaderScope}, is the caller's job.
 * Lookups that fail throw {@link UnknownPluginException} or {@link AmbiguousPluginException}.
 * Immutable once loaded and safe to share between threads; {@link #close()} releases the plugin
 * class loaders when the worker stops.
 */
public final class Plugins implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Plugins.class);

  private static final Set<PluginType> LISTED_BESIDES_CONNECTORS =
      EnumSet.of(
          PluginType.CONVERTER,
          PluginType.HEADER_CONVERTER,
          PluginType.TRANSFORMATION,
          PluginType.PREDICATE);

  /** Connectors first, sources and sinks mixed, then by type; by class name within a group. */
  private static final Comparator<PluginDescriptor> LISTING_ORDER =
      Comparator.comparing(
              (PluginDescriptor d) -> d.type().isConnector() ? PluginType.SOURCE : d.type())
          .thenComparing(PluginDescriptor::className)
          .thenComparing(PluginDescriptor::version, PluginVersions.ORDER);

  private final PluginRegistry registry;
  private final ClassLoader workerLoader;
  private final List<PluginClassLoader> pluginLoaders;
  private final PluginLookupClassLoader lookupLoader;

  private Plugins(
      PluginRegistry registry, ClassLoader workerLoader, List<PluginClassLoader> pluginLoaders) {
    this.registry = registry;
    this.workerLoader = workerLoader;
    this.pluginLoaders = pluginLoaders;
    this.lookupLoader = new PluginLookupClassLoader(registry, workerLoader);
  }

  /**
   * Discovers the bundled plugins and every plugin below the given plugin.path entries (each
   * directory of JARs, JAR and class directory directly below an entry is one plugin). Entries that
   * do not exist and plugins that cannot be read or instantiated are logged and skipped, as Apache
   * skips them.
   */
  public static Plugins load(List<Path> pluginPath) {
    return load(pluginPath, PluginDiscoveryMode.HYBRID_WARN);
  }

  /**
   * As {@link #load(List)}, discovering plugin.path plugins as the worker's {@code
   * plugin.discovery} setting says.
   *
   * @throws ConnectException in {@code hybrid_fail} mode, when a plugin lacks its manifests
   */
  public static Plugins load(List<Path> pluginPath, PluginDiscoveryMode mode) {
    return load(pluginPath, mode, Plugins.class.getClassLoader());
  }

  private static Plugins load(
      List<Path> pluginPath, PluginDiscoveryMode mode, ClassLoader workerLoader) {
    List<PluginDescriptor> descriptors = new ArrayList<>();
    List<PluginClassLoader> loaders = new ArrayList<>();
    try {
      descriptors.addAll(isolatedPlugins(pluginPath, mode, workerLoader, loaders));
    } catch (RuntimeException e) {
      closeAll(loaders);
      throw e;
    }
    descriptors.addAll(PluginDiscovery.classPath(workerLoader));
    return new Plugins(new PluginRegistry(descriptors), workerLoader, List.copyOf(loaders));
  }

  private static List<PluginDescriptor> isolatedPlugins(
      List<Path> pluginPath,
      PluginDiscoveryMode mode,
      ClassLoader workerLoader,
      List<PluginClassLoader> loaders) {
    List<PluginDescriptor> descriptors = new ArrayList<>();
    for (Path location : PluginLocations.under(pluginPath)) {
      List<URL> classPath;
      try {
        classPath = PluginLocations.classPathOf(location);
      } catch (ConnectException e) {
        // One unreadable plugin must not keep the worker from starting with the others.
        log.error("Ignoring plugin {}", location, e);
        continue;
      }
      if (classPath.isEmpty()) {
        log.warn("Plugin location {} contains no JARs or classes; ignoring it", location);
        continue;
      }
      PluginClassLoader loader = new PluginClassLoader(location, classPath, workerLoader);
      loaders.add(loader);
      descriptors.addAll(PluginDiscovery.isolated(location, loader, classPath, mode));
    }
    return descriptors;
  }

  /**
   * Splits a worker's {@code plugin.path} value (a comma-separated list, possibly null) into paths;
   * blank elements are skipped.
   */
  public static List<Path> parsePluginPath(String pluginPath) {
    if (pluginPath == null) {
      return List.of();
    }
    return Arrays.stream(pluginPath.split(","))
        .map(String::strip)
        .filter(element -> !element.isEmpty())
        .map(Path::of)
        .toList();
  }

  /** Every discovered plugin, of every type: connectors first, then by type and class name. */
  public List<PluginDescriptor> descriptors() {
    return registry.descriptors().stream().sorted(LISTING_ORDER).toList();
  }

  /**
   * The plugins {@code GET /connector-plugins} lists: the source and sink connectors, and with
   * {@code connectorsOnly == false} also converters, header converters, transformations and
   * predicates (as Apache, config providers and override policies are never listed).
   */
  public List<PluginDescriptor> connectorPlugins(boolean connectorsOnly) {
    return registry.descriptors().stream()
        .filter(
            d ->
                d.type().isConnector()
                    || (!connectorsOnly && LISTED_BESIDES_CONNECTORS.contains(d.type())))
        .sorted(LISTING_ORDER)
        .toList();
  }

  /**
   * The plugin implementing {@code kind} (e.g. {@code Connector.class}, {@code Converter.class})
   * that a class name or alias names. A name that is no discovered plugin but a class on the
   * worker's class path implementing {@code kind} is accepted too, as Apache accepts it.
   *
   * @throws UnknownPluginException when nothing of that kind has this name or alias
   * @throws AmbiguousPluginException when the alias matches several classes
   */
  public PluginDescriptor resolve(String nameOrAlias, Class<?> kind) {
    PluginDescriptor found = registry.find(nameOrAlias, kind);
    if (found != null) {
      return found;
    }
    return classPathPlugin(nameOrAlias, kind)
        .orElseThrow(() -> registry.unknown(nameOrAlias, kind));
  }

  /**
   * As {@link #resolve(String, Class)}, for the newest installed version that {@code version}
   * allows (KIP-891's {@code connector.plugin.version} and similar settings): an exact version such
   * as {@code 1.2.0}, Maven version ranges such as {@code [1.0,2.0)}, or null or {@code latest} for
   * the newest.
   *
   * @throws PluginVersionNotFoundException when the plugin exists but in no allowed version
   * @throws ConnectException when {@code version} is not a version or a version range
   */
  public PluginDescriptor resolve(String nameOrAlias, Class<?> kind, String version) {
    VersionRequirement requirement = VersionRequirement.parse(version);
    if (requirement.isLatest()) {
      return resolve(nameOrAlias, kind);
    }
    List<PluginDescriptor> installed = registry.findAll(nameOrAlias, kind);
    if (installed.isEmpty()) {
      installed = classPathPlugin(nameOrAlias, kind).stream().toList();
    }
    if (installed.isEmpty()) {
      throw registry.unknown(nameOrAlias, kind);
    }
    List<PluginDescriptor> allowed =
        installed.stream().filter(d -> requirement.allows(d.version())).toList();
    if (allowed.isEmpty()) {
      throw new PluginVersionNotFoundException(
          installed.get(0).className(),
          requirement.toString(),
          installed.stream()
              .map(PluginDescriptor::version)
              .distinct()
              .sorted(PluginVersions.ORDER)
              .toList());
    }
    return PluginRegistry.preferred(allowed);
  }

  /**
   * The plugin of any type that a class name or alias names, as {@code GET
   * /connector-plugins/{plugin}/config} looks it up; unknown names fail with Apache's message
   * {@code Unknown plugin <name>.}
   */
  public PluginDescriptor resolve(String nameOrAlias) {
    return resolve(nameOrAlias, Object.class);
  }

  /**
   * A class loader that loads any plugin by class name or alias and everything else from the
   * worker's class path. Make it the context class loader (with {@link LoaderScope}) while parsing
   * connector or worker configs whose {@code ConfigDef} has {@code CLASS} settings, so that those
   * accept aliases and plugin.path classes as Apache does.
   */
  public ClassLoader lookupLoader() {
    return lookupLoader;
  }

  /** A new, unstarted connector (source or sink). */
  public Connector newConnector(String nameOrAlias) {
    return newInstance(resolve(nameOrAlias, Connector.class), Connector.class);
  }

  /** A new, unconfigured key or value converter. */
  public Converter newConverter(String nameOrAlias) {
    return newInstance(resolve(nameOrAlias, Converter.class), Converter.class);
  }

  /** A new, unconfigured header converter. */
  public HeaderConverter newHeaderConverter(String nameOrAlias) {
    return newInstance(resolve(nameOrAlias, HeaderConverter.class), HeaderConverter.class);
  }

  /** A new, unconfigured transformation (single message transform). */
  @SuppressWarnings("unchecked")
  public <R extends ConnectRecord<R>> Transformation<R> newTransformation(String nameOrAlias) {
    return newInstance(resolve(nameOrAlias, Transformation.class), Transformation.class);
  }

  /** A new, unconfigured predicate. */
  @SuppressWarnings("unchecked")
  public <R extends ConnectRecord<R>> Predicate<R> newPredicate(String nameOrAlias) {
    return newInstance(resolve(nameOrAlias, Predicate.class), Predicate.class);
  }

  /** A new, unconfigured config provider. */
  public ConfigProvider newConfigProvider(String nameOrAlias) {
    return newInstance(resolve(nameOrAlias, ConfigProvider.class), ConfigProvider.class);
  }

  /** A new, unconfigured connector client config override policy, e.g. {@code All}. */
  public ConnectorClientConfigOverridePolicy newOverridePolicy(String nameOrAlias) {
    return newInstance(
        resolve(nameOrAlias, ConnectorClientConfigOverridePolicy.class),
        ConnectorClientConfigOverridePolicy.class);
  }

  /**
   * A new instance of a resolved plugin, created with the plugin's loader as context class loader;
   * for callers that resolved a specific version with {@link #resolve(String, Class, String)}.
   */
  public <T> T newInstance(PluginDescriptor plugin, Class<T> kind) {
    Object instance =
        construct(
            plugin.pluginClass(),
            plugin.loader(),
            plugin.className() + " from " + plugin.location());
    return kind.cast(instance);
  }

  /** A new task of the class a connector named in {@link Connector#taskClass()}. */
  public Task newTask(Class<? extends Task> taskClass) {
    return construct(taskClass, taskClass.getClassLoader(), taskClass.getName());
  }

  /**
   * The configuration a plugin declares through {@code config()} (connectors, converters, header
   * converters, transformations, predicates, policies); empty for plugins that declare none. The
   * runtime's own connector settings ({@code name}, {@code tasks.max}, ...) are not included.
   */
  public ConfigDef configDef(String nameOrAlias) {
    return configDef(nameOrAlias, null);
  }

  /**
   * As {@link #configDef(String)}, for the installed version that {@code version} selects (see
   * {@link #resolve(String, Class, String)}), as {@code GET
   * /connector-plugins/{plugin}/config?version=} asks.
   */
  @SuppressWarnings("try") // the scope only sets the context class loader
  public ConfigDef configDef(String nameOrAlias, String version) {
    PluginDescriptor descriptor = resolve(nameOrAlias, Object.class, version);
    Object plugin = newInstance(descriptor, Object.class);
    if (!(plugin instanceof ConnectPlugin)) {
      return new ConfigDef();
    }
    try (LoaderScope scope = LoaderScope.enter(descriptor.loader())) {
      ConfigDef configDef = ((ConnectPlugin) plugin).config();
      return configDef != null ? configDef : new ConfigDef();
    } catch (RuntimeException | LinkageError e) {
      throw new ConnectException(
          "Plugin " + descriptor.className() + " failed to describe its configuration", e);
    }
  }

  /** Releases the class loaders of the plugin locations; plugins must no longer be in use. */
  @Override
  public void close() {
    closeAll(pluginLoaders);
  }

  private static void closeAll(List<PluginClassLoader> loaders) {
    for (PluginClassLoader loader : loaders) {
      try {
        loader.close();
      } catch (IOException e) {
        log.warn("Could not close the class loader of plugin {}", loader.location(), e);
      }
    }
  }

  private Optional<PluginDescriptor> classPathPlugin(String className, Class<?> kind) {
    Class<?> candidate;
    try {
      candidate = Class.forName(className, false, workerLoader);
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.empty();
    }
    if (!kind.isAssignableFrom(candidate)) {
      return Optional.empty();
    }
    Set<PluginType> types = EnumSet.noneOf(PluginType.class);
    for (PluginType type : PluginType.values()) {
      if (type.baseType().isAssignableFrom(candidate) && kind.isAssignableFrom(type.baseType())) {
        types.add(type);
      }
    }
    if (types.isEmpty()) {
      return Optional.empty();
    }
    return PluginDiscovery.describe(className, types, workerLoader, PluginDescriptor.CLASSPATH)
        .stream()
        .findFirst();
  }

  @SuppressWarnings("try") // the scope only sets the context class loader
  private static <T> T construct(Class<T> type, ClassLoader loader, String description) {
    // The context loader must be the plugin's during construction: static initialisers of plugin
    // classes and their libraries look up classes and resources through it (KAFKA-8340).
    try (LoaderScope scope = LoaderScope.enter(loader)) {
      return type.getDeclaredConstructor().newInstance();
    } catch (InvocationTargetException e) {
      throw new ConnectException(
          "Failed to instantiate plugin " + description + ": its constructor threw " + e.getCause(),
          e.getCause());
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      throw new ConnectException("Failed to instantiate plugin " + description + ": " + e, e);
    }
  }
}
