package dev.wharf.connect.plugins;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.ConfigTransformerResult;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The config providers a worker declares (KIP-297): {@code config.providers=file,env} with {@code
 * config.providers.<name>.class} (a class name or alias, loaded through {@link Plugins}) and {@code
 * config.providers.<name>.param.<key>} passed to the provider's {@code configure}. It resolves
 * {@code ${provider:[path:]key}} placeholders in a connector or task configuration when that
 * configuration is about to be used; the configuration given is never changed, so stored configs
 * and REST responses keep their placeholders. Placeholders naming an unknown provider or key are
 * left as they are, as Apache leaves them.
 */
public final class ConfigProviders implements AutoCloseable {
  /** The worker property listing the provider names. */
  public static final String CONFIG_PROVIDERS_CONFIG = "config.providers";

  private static final Logger log = LoggerFactory.getLogger(ConfigProviders.class);

  private final Map<String, ConfigProvider> providers;
  private final ConfigTransformer transformer;
  private final List<Consumer<String>> resolvedValueListeners = new CopyOnWriteArrayList<>();

  private ConfigProviders(Map<String, ConfigProvider> providers) {
    this.providers = Collections.unmodifiableMap(providers);
    this.transformer = new ConfigTransformer(this.providers);
  }

  /**
   * Creates and configures the providers named in the worker properties.
   *
   * @throws ConnectException when a listed provider has no {@code .class}, or its class cannot be
   *     found or configured
   */
  public static ConfigProviders fromWorkerConfig(Map<String, ?> workerConfig, Plugins plugins) {
    Map<String, ConfigProvider> providers = new LinkedHashMap<>();
    try {
      for (String name : providerNames(workerConfig.get(CONFIG_PROVIDERS_CONFIG))) {
        providers.put(name, create(name, workerConfig, plugins));
      }
    } catch (RuntimeException e) {
      providers.values().forEach(ConfigProviders::closeQuietly);
      throw e;
    }
    return new ConfigProviders(providers);
  }

  /** The names of the configured providers, in the order {@code config.providers} lists them. */
  public Set<String> names() {
    return providers.keySet();
  }

  /** A copy of {@code config} with every resolvable placeholder replaced by its value. */
  public ResolvedConfig resolve(Map<String, String> config) {
    if (providers.isEmpty()) {
      return new ResolvedConfig(config, Map.of());
    }
    ConfigTransformerResult result = transformer.transform(config);
    if (!resolvedValueListeners.isEmpty()) {
      reportResolvedValues(config);
    }
    return new ResolvedConfig(result.data(), result.ttls());
  }

  /**
   * Tells {@code listener} the value of every placeholder resolved from now on (a secret, as far as
   * anyone knows), so it can be masked where it must not appear, such as captured log lines.
   */
  public void onResolvedValue(Consumer<String> listener) {
    resolvedValueListeners.add(listener);
  }

  /** Resolves each placeholder alone, so a value mixing text and secrets yields the secret. */
  private void reportResolvedValues(Map<String, String> config) {
    for (String raw : config.values()) {
      if (raw == null) {
        continue;
      }
      Matcher placeholders = ConfigTransformer.DEFAULT_PATTERN.matcher(raw);
      while (placeholders.find()) {
        String placeholder = placeholders.group();
        Map<String, String> single = new HashMap<>();
        single.put("value", placeholder);
        String value = transformer.transform(single).data().get("value");
        if (value != null && !value.equals(placeholder)) {
          resolvedValueListeners.forEach(listener -> listener.accept(value));
        }
      }
    }
  }

  /**
   * Puts the placeholders back into a resolved task configuration before it is stored: every key
   * whose value in the raw connector configuration contains a placeholder gets that raw value
   * again, so secrets never reach the config topic or {@code GET /connectors/{name}/tasks}.
   */
  public static Map<String, String> restorePlaceholders(
      Map<String, String> rawConnectorConfig, Map<String, String> taskConfig) {
    Map<String, String> restored = new HashMap<>(taskConfig);
    rawConnectorConfig.forEach(
        (key, rawValue) -> {
          if (rawValue != null
              && restored.containsKey(key)
              && ConfigTransformer.DEFAULT_PATTERN.matcher(rawValue).find()) {
            restored.put(key, rawValue);
          }
        });
    return restored;
  }

  /** Closes every provider; failures are logged, not thrown. */
  @Override
  public void close() {
    providers.values().forEach(ConfigProviders::closeQuietly);
  }

  @SuppressWarnings("try") // the scope only sets the context class loader
  private static ConfigProvider create(String name, Map<String, ?> workerConfig, Plugins plugins) {
    String prefix = CONFIG_PROVIDERS_CONFIG + "." + name;
    Object className = workerConfig.get(prefix + ".class");
    if (className == null || className.toString().isBlank()) {
      throw new ConnectException(
          "Config provider '"
              + name
              + "' is listed in "
              + CONFIG_PROVIDERS_CONFIG
              + " but "
              + prefix
              + ".class is not set");
    }
    ConfigProvider provider = plugins.newConfigProvider(className.toString().strip());
    Map<String, Object> params = new HashMap<>();
    String paramPrefix = prefix + ".param.";
    workerConfig.forEach(
        (key, value) -> {
          if (key.startsWith(paramPrefix)) {
            params.put(key.substring(paramPrefix.length()), value);
          }
        });
    try (LoaderScope scope = LoaderScope.enterFor(provider)) {
      provider.configure(params);
    } catch (RuntimeException e) {
      closeQuietly(provider);
      throw new ConnectException(
          "Config provider '" + name + "' (" + className + ") failed to configure: " + e, e);
    }
    return provider;
  }

  private static List<String> providerNames(Object value) {
    if (value == null) {
      return List.of();
    }
    Stream<String> names =
        value instanceof Collection<?> list
            ? list.stream().map(String::valueOf)
            : Arrays.stream(value.toString().split(","));
    return names.map(String::strip).filter(name -> !name.isEmpty()).distinct().toList();
  }

  @SuppressWarnings("try") // the scope only sets the context class loader
  private static void closeQuietly(ConfigProvider provider) {
    try (LoaderScope scope = LoaderScope.enterFor(provider)) {
      provider.close();
    } catch (IOException | RuntimeException e) {
      log.warn("Config provider {} failed to close", provider.getClass().getName(), e);
    }
  }
}
