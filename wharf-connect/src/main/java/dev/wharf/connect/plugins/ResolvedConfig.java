package dev.wharf.connect.plugins;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * A connector or task configuration with its {@code ${provider:[path:]key}} placeholders replaced
 * by the values the config providers returned. {@code ttls} holds, per provider path, how many
 * milliseconds the provider said its values stay valid (only for providers that say so), which a
 * herder uses to restart a connector when its secrets rotate.
 */
public record ResolvedConfig(Map<String, String> values, Map<String, Long> ttls) {
  public ResolvedConfig {
    // Connector configs may hold null values (a PATCH that removes a key), so no Map.copyOf.
    values = Collections.unmodifiableMap(new HashMap<>(values));
    ttls = Map.copyOf(ttls);
  }
}
