package dev.wharf.core.config;

import java.util.Objects;

/**
 * One configuration key: its name, type, default, validator and documentation, declared once. The
 * same definition parses and validates values, words error messages and renders the docs.
 *
 * @param name the key as written in a properties file
 * @param type how its text is parsed
 * @param defaultValue the value when none is given; {@code null} means "not set"
 * @param validator checks a parsed value
 * @param doc one or two sentences for the documentation
 */
public record ConfigKey<T>(
    String name, ConfigType<T> type, T defaultValue, Validator<T> validator, String doc) {

  public ConfigKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(validator, "validator");
    Objects.requireNonNull(doc, "doc");
  }

  public static <T> Builder<T> builder(String name, ConfigType<T> type) {
    return new Builder<>(name, type);
  }

  /** The same key under another name, such as a service's key behind its prefix. */
  public ConfigKey<T> withName(String newName) {
    return new ConfigKey<>(newName, type, defaultValue, validator, doc);
  }

  /** The name of the environment variable that overrides this key: {@code WHARF_} + upper case. */
  public String environmentVariable() {
    return EnvironmentOverrides.variableFor(name);
  }

  /** The default as a properties file would hold it. */
  public String defaultText() {
    return type.format(defaultValue);
  }

  /** Parses and validates {@code text} taken from {@code source}. */
  T parse(String text, String source) {
    T value;
    try {
      value = type.parse(text.trim());
    } catch (IllegalArgumentException e) {
      throw invalid(text, source, e.getMessage());
    }
    String problem = validator.check(value);
    if (problem != null) {
      throw invalid(text, source, problem);
    }
    return value;
  }

  private ConfigException invalid(String text, String source, String problem) {
    return new ConfigException(
        "invalid value '" + text.trim() + "' for " + name + " (from " + source + "): " + problem);
  }

  /** Fluent construction of a {@link ConfigKey}. */
  public static final class Builder<T> {
    private final String name;
    private final ConfigType<T> type;
    private T defaultValue;
    private Validator<T> validator = Validator.any();
    private String doc = "";

    private Builder(String name, ConfigType<T> type) {
      this.name = name;
      this.type = type;
    }

    public Builder<T> defaultValue(T value) {
      this.defaultValue = value;
      return this;
    }

    public Builder<T> validator(Validator<T> value) {
      this.validator = value;
      return this;
    }

    public Builder<T> doc(String value) {
      this.doc = value;
      return this;
    }

    public ConfigKey<T> build() {
      return new ConfigKey<>(name, type, defaultValue, validator, doc);
    }
  }
}
