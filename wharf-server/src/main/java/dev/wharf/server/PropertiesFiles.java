package dev.wharf.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.config.ConfigException;
import dev.wharf.core.config.ConfigSource;
import dev.wharf.core.http.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the peers' own files: worker and proxy properties, connector properties or JSON. */
final class PropertiesFiles {
  private PropertiesFiles() {}

  static Map<String, String> read(Path file) {
    return ConfigSource.file(file).values();
  }

  /** A connector to create: its name and config. */
  record ConnectorFile(String name, Map<String, String> config) {}

  /**
   * A connector definition as {@code connect-standalone} takes it: a properties file, or a JSON
   * file holding either {@code {"name":..,"config":{..}}} or the flat config.
   */
  static ConnectorFile connector(Path file) {
    Map<String, String> config;
    if (file.getFileName().toString().endsWith(".json")) {
      JsonNode root;
      try {
        root = Json.mapper().readTree(Files.readAllBytes(file));
      } catch (IOException e) {
        throw new ConfigException("cannot read connector file " + file + ": " + e.getMessage());
      }
      JsonNode configNode = root.has("config") ? root.get("config") : root;
      if (!configNode.isObject()) {
        throw new ConfigException("connector file " + file + " must hold a JSON object");
      }
      config = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = configNode.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        config.put(field.getKey(), field.getValue().asText());
      }
      if (root.has("name") && root.get("name").isTextual()) {
        config.putIfAbsent("name", root.get("name").asText());
      }
    } else {
      config = new LinkedHashMap<>(read(file));
    }
    String name = config.get("name");
    if (name == null || name.isBlank()) {
      throw new ConfigException("connector file " + file + " names no connector: set \"name\"");
    }
    return new ConnectorFile(name, config);
  }
}
