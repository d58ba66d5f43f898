package dev.wharf.connect.herder;

import dev.wharf.connect.plugins.Plugins;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Tells a connector config's kind from its {@code connector.class}: {@code source}, {@code sink} or
 * {@code unknown} (a class that cannot be loaded), as the REST API's {@code type} field shows it.
 */
public final class ConnectorTypes {
  private final Plugins plugins;
  private final Map<String, String> types = new ConcurrentHashMap<>();

  public ConnectorTypes(Plugins plugins) {
    this.plugins = plugins;
  }

  /** {@code source}, {@code sink} or {@code unknown}. */
  public String type(Map<String, String> config) {
    String connectorClass = config.get("connector.class");
    if (connectorClass == null) {
      return "unknown";
    }
    return types.computeIfAbsent(
        connectorClass,
        name -> {
          try {
            Class<?> type = plugins.resolve(name, Connector.class).pluginClass();
            return SinkConnector.class.isAssignableFrom(type)
                ? "sink"
                : SourceConnector.class.isAssignableFrom(type) ? "source" : "unknown";
          } catch (RuntimeException e) {
            return "unknown";
          }
        });
  }

  public boolean isSource(Map<String, String> config) {
    return "source".equals(type(config));
  }
}
