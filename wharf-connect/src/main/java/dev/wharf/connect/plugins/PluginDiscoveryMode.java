package dev.wharf.connect.plugins;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * How plugins on plugin.path are discovered, the worker setting {@code plugin.discovery} of KIP-898
 * with Apache's values: {@code only_scan} reads class files only, {@code service_load} only
 * ServiceLoader manifests, and the two hybrid modes do both, then warn ({@code hybrid_warn}, the
 * default) or refuse to start ({@code hybrid_fail}) when a plugin lacks its manifest. Plugins
 * bundled on the worker's class path are always found through their manifests.
 */
public enum PluginDiscoveryMode {
  ONLY_SCAN,
  HYBRID_WARN,
  HYBRID_FAIL,
  SERVICE_LOAD;

  /** The worker property that chooses the mode. */
  public static final String CONFIG = "plugin.discovery";

  /**
   * The mode a {@code plugin.discovery} value names, case-insensitively; {@link #HYBRID_WARN} when
   * the value is null.
   *
   * @throws ConnectException for any other value, listing the valid ones
   */
  public static PluginDiscoveryMode fromConfig(String value) {
    if (value == null) {
      return HYBRID_WARN;
    }
    for (PluginDiscoveryMode mode : values()) {
      if (mode.toString().equalsIgnoreCase(value.strip())) {
        return mode;
      }
    }
    throw new ConnectException(
        "Invalid value "
            + value
            + " for "
            + CONFIG
            + ": must be one of "
            + Arrays.stream(values()).map(Object::toString).collect(Collectors.joining(", ")));
  }

  boolean readsManifests() {
    return this != ONLY_SCAN;
  }

  boolean scansClasses() {
    return this != SERVICE_LOAD;
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
