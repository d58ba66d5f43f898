package dev.wharf.connect.validation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code PUT /connector-plugins/{plugin}/config/validate}, in Apache's JSON shape:
 * the connector class, the number of errors, the config groups, and one entry per key with its
 * definition and its validated value.
 */
public record ConfigInfos(
    String name,
    @JsonProperty("error_count") int errorCount,
    List<String> groups,
    List<ConfigInfo> configs) {

  /** One key: its definition (null for a key nobody defines) and its value. */
  public record ConfigInfo(ConfigKeyInfo definition, ConfigValueInfo value) {}

  /** A key's definition as {@code ConfigDef} declares it. */
  public record ConfigKeyInfo(
      String name,
      String type,
      boolean required,
      @JsonProperty("default_value") String defaultValue,
      String importance,
      String documentation,
      String group,
      int order,
      String width,
      @JsonProperty("display_name") String displayName,
      List<String> dependents) {}

  /** A key's value after validation, with its errors. */
  public record ConfigValueInfo(
      String name,
      String value,
      @JsonProperty("recommended_values") List<String> recommendedValues,
      List<String> errors,
      boolean visible) {}
}
