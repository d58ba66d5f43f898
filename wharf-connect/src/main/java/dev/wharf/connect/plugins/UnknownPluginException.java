package dev.wharf.connect.plugins;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * No installed plugin of the requested kind has the given class name or alias. The message follows
 * Apache Kafka Connect's and lists the plugins that are available.
 */
public final class UnknownPluginException extends ConnectException {
  private static final long serialVersionUID = 1L;

  private final String name;

  UnknownPluginException(String name, String message) {
    super(message);
    this.name = name;
  }

  /** The class name or alias that was looked up. */
  public String name() {
    return name;
  }
}
