package dev.wharf.proxy.kafka;

import dev.wharf.core.config.Config;
import dev.wharf.proxy.RestProxyConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * The settings each Kafka client of the proxy starts from: {@code bootstrap.servers}, then every
 * {@code client.*} key, then the keys under the client's own prefix ({@code producer.}, {@code
 * consumer.}, {@code admin.}), later ones winning. Only undeclared keys reach a client, so the
 * proxy's own {@code consumer.request.timeout.ms} never becomes a consumer's {@code
 * request.timeout.ms}.
 */
public final class ClientSettings {
  private final Config config;

  public ClientSettings(Config config) {
    this.config = config;
  }

  public Map<String, Object> producer() {
    return forPrefix("producer.");
  }

  public Map<String, Object> consumer() {
    return forPrefix("consumer.");
  }

  public Map<String, Object> admin() {
    return forPrefix("admin.");
  }

  private Map<String, Object> forPrefix(String prefix) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("bootstrap.servers", config.get(RestProxyConfig.BOOTSTRAP_SERVERS));
    settings.putAll(config.passThrough("client."));
    settings.putAll(config.passThrough(prefix));
    return settings;
  }
}
