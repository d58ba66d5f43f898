package dev.wharf.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys a program understands, in the order its documentation lists them, plus the prefixes
 * whose keys are passed through untouched to a component that validates them itself (such as {@code
 * broker.} for the embedded Kafka broker).
 */
public final class ConfigDefinition {
  private final Map<String, ConfigKey<?>> keys;
  private final List<String> passThroughPrefixes;

  private ConfigDefinition(Map<String, ConfigKey<?>> keys, List<String> passThroughPrefixes) {
    this.keys = Collections.unmodifiableMap(keys);
    this.passThroughPrefixes = List.copyOf(passThroughPrefixes);
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<ConfigKey<?>> keys() {
    return List.copyOf(keys.values());
  }

  public List<String> passThroughPrefixes() {
    return passThroughPrefixes;
  }

  boolean isPassThrough(String name) {
    return !keys.containsKey(name) && passThroughPrefixes.stream().anyMatch(name::startsWith);
  }

  /**
   * Parses the given sources, later ones overriding earlier ones, on top of the defaults.
   *
   * @throws ConfigException naming the key and the source of the first bad or unknown value
   */
  public Config parse(List<ConfigSource> sources) {
    Map<String, Object> values = new LinkedHashMap<>();
    keys.values().forEach(key -> values.put(key.name(), key.defaultValue()));
    Map<String, String> passThrough = new LinkedHashMap<>();
    Map<String, String> given = new LinkedHashMap<>();
    for (ConfigSource source : sources) {
      source
          .values()
          .forEach(
              (name, text) -> {
                ConfigKey<?> key = keys.get(name);
                given.put(name, text);
                if (key != null) {
                  values.put(name, key.parse(text, source.description()));
                } else if (isPassThrough(name)) {
                  passThrough.put(name, text);
                } else {
                  throw new ConfigException(
                      "unknown configuration key '"
                          + name
                          + "' (from "
                          + source.description()
                          + ")");
                }
              });
    }
    return new Config(values, passThrough, given);
  }

  /** Collects keys and pass-through prefixes; a name declared twice is a programming error. */
  public static final class Builder {
    private final Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();
    private final List<String> prefixes = new ArrayList<>();

    private Builder() {}

    public Builder add(ConfigKey<?> key) {
      if (keys.putIfAbsent(key.name(), key) != null) {
        throw new IllegalArgumentException("configuration key declared twice: " + key.name());
      }
      return this;
    }

    public Builder addAll(List<ConfigKey<?>> more) {
      more.forEach(this::add);
      return this;
    }

    /**
     * Adds every key and pass-through prefix of {@code other} behind {@code prefix}: a service's
     * keys in the combined file ({@code connect.} + {@code group.id}).
     */
    public Builder addAll(String prefix, ConfigDefinition other) {
      return addAll(prefix, other, java.util.Set.of());
    }

    /** As {@link #addAll(String, ConfigDefinition)}, leaving out keys the caller sets itself. */
    public Builder addAll(String prefix, ConfigDefinition other, java.util.Set<String> except) {
      other.keys().stream()
          .filter(key -> !except.contains(key.name()))
          .forEach(key -> add(key.withName(prefix + key.name())));
      other.passThroughPrefixes().forEach(p -> passThrough(prefix + p));
      return this;
    }

    public Builder passThrough(String prefix) {
      prefixes.add(prefix);
      return this;
    }

    public ConfigDefinition build() {
      return new ConfigDefinition(new LinkedHashMap<>(keys), prefixes);
    }
  }
}
