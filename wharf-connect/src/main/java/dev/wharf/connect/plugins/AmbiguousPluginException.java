package dev.wharf.connect.plugins;

import java.util.List;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * An alias names more than one installed plugin class (two plugins with the same simple class name,
 * say), so it cannot be used; the message lists every class it could mean, and the full class name
 * must be used instead.
 */
public final class AmbiguousPluginException extends ConnectException {
  private static final long serialVersionUID = 1L;

  private final String alias;
  private final List<String> classNames;

  AmbiguousPluginException(String alias, List<String> classNames, String message) {
    super(message);
    this.alias = alias;
    this.classNames = List.copyOf(classNames);
  }

  /** The alias that was looked up. */
  public String alias() {
    return alias;
  }

  /** The fully qualified names of the plugin classes the alias matches, sorted. */
  public List<String> classNames() {
    return classNames;
  }
}
