package dev.wharf.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parsed, validated configuration values, looked up by their {@link ConfigKey}. */
public final class Config {
  private final Map<String, Object> values;
  private final Map<String, String> passThrough;
  private final Map<String, String> given;

  Config(Map<String, Object> values, Map<String, String> passThrough, Map<String, String> given) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.passThrough = Collections.unmodifiableMap(new LinkedHashMap<>(passThrough));
    this.given = Collections.unmodifiableMap(new LinkedHashMap<>(given));
  }

  /** The value of {@code key}: the last source's, else the default (which may be {@code null}). */
  @SuppressWarnings("unchecked")
  public <T> T get(ConfigKey<T> key) {
    if (!values.containsKey(key.name())) {
      throw new IllegalArgumentException("key not in this configuration: " + key.name());
    }
    return (T) values.get(key.name());
  }

  /**
   * Every value given for a name starting with {@code prefix} (defined or passed through), as the
   * text it was given in, with the prefix removed: what a service behind that prefix parses again
   * with its own definition.
   */
  public Map<String, String> givenWithPrefix(String prefix) {
    Map<String, String> result = new LinkedHashMap<>();
    given.forEach(
        (name, value) -> {
          if (name.startsWith(prefix)) {
            result.put(name.substring(prefix.length()), value);
          }
        });
    return result;
  }

  /** The pass-through values whose names start with {@code prefix}, with the prefix removed. */
  public Map<String, String> passThrough(String prefix) {
    Map<String, String> result = new LinkedHashMap<>();
    passThrough.forEach(
        (name, value) -> {
          if (name.startsWith(prefix)) {
            result.put(name.substring(prefix.length()), value);
          }
        });
    return result;
  }
}
