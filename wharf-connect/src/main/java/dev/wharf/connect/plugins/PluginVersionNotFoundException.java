package dev.wharf.connect.plugins;

import java.util.List;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * A plugin is installed, but in no version that the requested version or version range allows; the
 * message, as Apache's, names the plugin, the range and the versions that are installed.
 */
public final class PluginVersionNotFoundException extends ConnectException {
  private static final long serialVersionUID = 1L;

  private final List<String> availableVersions;

  PluginVersionNotFoundException(String className, String range, List<String> availableVersions) {
    super(
        "Plugin "
            + className
            + " not found that matches the version range "
            + range
            + ", available versions: "
            + availableVersions);
    this.availableVersions = List.copyOf(availableVersions);
  }

  /** The versions of the plugin that are installed, oldest first. */
  public List<String> availableVersions() {
    return availableVersions;
  }
}
