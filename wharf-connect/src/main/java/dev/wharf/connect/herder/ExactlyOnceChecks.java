package dev.wharf.connect.herder;

import dev.wharf.connect.plugins.Plugins;
import dev.wharf.connect.validation.InvalidRequestException;
import dev.wharf.connect.worker.ExactlyOnce;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * The connector keys of exactly-once sources (KIP-618), checked when a source connector is created
 * or changed on a worker with {@code exactly.once.source.support=enabled}: {@code
 * exactly.once.support} (requested, required: the connector must then declare support), {@code
 * transaction.boundary} (poll, interval, connector: the connector must then be able to define them)
 * and {@code transaction.boundary.interval.ms}.
 */
final class ExactlyOnceChecks {
  private ExactlyOnceChecks() {}

  static void check(Map<String, String> config, Plugins plugins) {
    String support =
        config.getOrDefault(ExactlyOnce.SUPPORT_KEY, "requested").trim().toLowerCase(Locale.ROOT);
    if (!support.equals("requested") && !support.equals("required")) {
      throw new InvalidRequestException(
          "Invalid value "
              + config.get(ExactlyOnce.SUPPORT_KEY)
              + " for configuration "
              + ExactlyOnce.SUPPORT_KEY
              + ": must be one of requested, required");
    }
    ExactlyOnce.Boundary boundary;
    try {
      boundary = ExactlyOnce.Boundary.parse(config.get(ExactlyOnce.BOUNDARY_KEY));
    } catch (ConnectException e) {
      throw new InvalidRequestException(e.getMessage());
    }
    String interval = config.get(ExactlyOnce.INTERVAL_KEY);
    if (interval != null) {
      try {
        if (Long.parseLong(interval.trim()) < 0) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw new InvalidRequestException(
            "Invalid value "
                + interval
                + " for configuration "
                + ExactlyOnce.INTERVAL_KEY
                + ": must be a non-negative number of milliseconds");
      }
    }
    boolean required = support.equals("required");
    if (!required && boundary != ExactlyOnce.Boundary.CONNECTOR) {
      return;
    }
    SourceConnector connector = sourceConnector(config, plugins);
    if (connector == null) {
      return;
    }
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(connector.getClass().getClassLoader());
    try {
      if (required && connector.exactlyOnceSupport(config) != ExactlyOnceSupport.SUPPORTED) {
        throw new InvalidRequestException(
            "The connector does not support exactly-once semantics with the provided"
                + " configuration.");
      }
      if (boundary == ExactlyOnce.Boundary.CONNECTOR
          && connector.canDefineTransactionBoundaries(config)
              != ConnectorTransactionBoundaries.SUPPORTED) {
        throw new InvalidRequestException(
            "The connector does not support connector-defined transaction boundaries with the"
                + " given configuration.");
      }
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  private static SourceConnector sourceConnector(Map<String, String> config, Plugins plugins) {
    String name = config.get("connector.class");
    if (name == null) {
      return null;
    }
    try {
      Class<?> type = plugins.resolve(name, Connector.class).pluginClass();
      if (!SourceConnector.class.isAssignableFrom(type)) {
        return null;
      }
      return (SourceConnector) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // the validator reports an unknown or broken connector class
    }
  }
}
