package dev.wharf.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parsed, validated configuration values, looked up by their {@link ConfigKey}. */
public final class Config {
  private final Map<String, Object> values;
  private final Map<String, String> passThrough;

  Config(Map<String, Object> values, Map<String, String> passThrough) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.passThrough = Collections.unmodifiableMap(new LinkedHashMap<>(passThrough));
  }

  /** The value of {@code key}: the last source's, else the default (which may be {@code null}). */
  @SuppressWarnings("unchecked")
  public <T> T get(ConfigKey<T> key) {
    if (!values.containsKey(key.name())) {
      throw new IllegalArgumentException("key not in this configuration: " + key.name());
    }
    return (T) values.get(key.name());
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
