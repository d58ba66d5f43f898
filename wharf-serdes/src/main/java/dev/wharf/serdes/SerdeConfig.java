package dev.wharf.serdes;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * The settings every serializer, deserializer and converter here reads, under Confluent's key names
 * so that existing client and connector configs work: {@code schema.registry.url}, {@code
 * auto.register.schemas}, {@code use.latest.version}, {@code normalize.schemas}, the subject name
 * strategies and {@code basic.auth.user.info}.
 */
public record SerdeConfig(
    List<String> urls,
    boolean autoRegister,
    boolean useLatestVersion,
    boolean normalize,
    SubjectNameStrategy keyStrategy,
    SubjectNameStrategy valueStrategy,
    String userInfo,
    boolean failInvalidSchema) {
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  public static final String USE_LATEST_VERSION = "use.latest.version";
  public static final String NORMALIZE_SCHEMAS = "normalize.schemas";
  public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
  public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
  public static final String JSON_FAIL_INVALID_SCHEMA = "json.fail.invalid.schema";

  public SerdeConfig {
    urls = List.copyOf(urls);
  }

  /**
   * @throws ConfigException when {@code schema.registry.url} is missing or a value is invalid
   */
  public static SerdeConfig parse(Map<String, ?> configs) {
    Object url = configs.get(SCHEMA_REGISTRY_URL);
    List<String> urls;
    if (url instanceof Collection<?> collection) {
      urls = collection.stream().map(String::valueOf).map(String::trim).toList();
    } else if (url != null && !url.toString().isBlank()) {
      urls =
          Arrays.stream(url.toString().split(","))
              .map(String::trim)
              .filter(s -> !s.isEmpty())
              .toList();
    } else {
      throw new ConfigException("Missing required configuration \"" + SCHEMA_REGISTRY_URL + "\"");
    }
    return new SerdeConfig(
        urls,
        flag(configs, AUTO_REGISTER_SCHEMAS, true),
        flag(configs, USE_LATEST_VERSION, false),
        flag(configs, NORMALIZE_SCHEMAS, false),
        SubjectNameStrategy.fromConfig(
            KEY_SUBJECT_NAME_STRATEGY, text(configs, KEY_SUBJECT_NAME_STRATEGY)),
        SubjectNameStrategy.fromConfig(
            VALUE_SUBJECT_NAME_STRATEGY, text(configs, VALUE_SUBJECT_NAME_STRATEGY)),
        text(configs, BASIC_AUTH_USER_INFO),
        flag(configs, JSON_FAIL_INVALID_SCHEMA, false));
  }

  public SchemaRegistryClient newClient() {
    return new SchemaRegistryClient(urls, userInfo);
  }

  public SubjectNameStrategy strategy(boolean isKey) {
    return isKey ? keyStrategy : valueStrategy;
  }

  private static String text(Map<String, ?> configs, String key) {
    Object value = configs.get(key);
    if (value instanceof Class<?> type) {
      return type.getName();
    }
    return value == null ? null : value.toString();
  }

  private static boolean flag(Map<String, ?> configs, String key, boolean fallback) {
    Object value = configs.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    String text = value.toString().trim();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new ConfigException(key, value, "must be true or false");
  }
}
