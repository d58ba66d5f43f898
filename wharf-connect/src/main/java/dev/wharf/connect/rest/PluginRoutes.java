package dev.wharf.connect.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wharf.connect.herder.Herder;
import dev.wharf.connect.plugins.PluginDescriptor;
import dev.wharf.connect.plugins.PluginType;
import dev.wharf.connect.plugins.Plugins;
import dev.wharf.connect.validation.ConfigInfos;
import dev.wharf.connect.validation.ConnectorConfigDefs;
import dev.wharf.connect.validation.ConnectorValidator;
import dev.wharf.core.http.HttpError;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.config.ConfigDef;

/** {@code /connector-plugins/...}: the installed plugins, their configs, and validation. */
final class PluginRoutes {
  private static final Set<PluginType> DESCRIBABLE =
      Set.of(
          PluginType.SOURCE,
          PluginType.SINK,
          PluginType.CONVERTER,
          PluginType.HEADER_CONVERTER,
          PluginType.TRANSFORMATION,
          PluginType.PREDICATE);

  /** One entry of {@code GET /connector-plugins}; {@code version} is left out when undefined. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record PluginInfo(
      @com.fasterxml.jackson.annotation.JsonProperty("class") String className,
      String type,
      String version) {}

  private final Plugins plugins;
  private final Supplier<Herder> herder;

  PluginRoutes(Plugins plugins, Supplier<Herder> herder) {
    this.plugins = plugins;
    this.herder = herder;
  }

  void register(RoutesConfig routes) {
    routes.get("/connector-plugins", this::list);
    routes.get("/connector-plugins/{plugin}/config", this::config);
    routes.put("/connector-plugins/{plugin}/config/validate", this::validate);
  }

  private void list(Context ctx) {
    String connectorsOnly = ctx.queryParam("connectorsOnly");
    boolean only = connectorsOnly == null || Boolean.parseBoolean(connectorsOnly.trim());
    List<PluginInfo> result = new ArrayList<>();
    for (PluginDescriptor plugin : plugins.connectorPlugins(only)) {
      String version =
          PluginDescriptor.UNDEFINED_VERSION.equals(plugin.version()) ? null : plugin.version();
      result.add(new PluginInfo(plugin.className(), plugin.typeName(), version));
    }
    ConnectorRoutes.json(ctx, 200, result);
  }

  private void config(Context ctx) {
    String name = ctx.pathParam("plugin");
    PluginDescriptor plugin = plugins.resolve(name);
    if (!DESCRIBABLE.contains(plugin.type())) {
      throw HttpError.badRequest(
          "Invalid plugin class "
              + name
              + ". Valid types are sink, source, converter, header_converter, transformation,"
              + " predicate.");
    }
    Map<String, ConfigDef.ConfigKey> keys =
        new LinkedHashMap<>(plugins.configDef(name).configKeys());
    if (plugin.type() == PluginType.SOURCE || plugin.type() == PluginType.SINK) {
      ConfigDef framework =
          plugin.type() == PluginType.SINK
              ? ConnectorConfigDefs.sink()
              : ConnectorConfigDefs.source();
      framework.configKeys().forEach(keys::putIfAbsent);
    }
    List<ConfigInfos.ConfigKeyInfo> result = new ArrayList<>();
    keys.values().forEach(key -> result.add(ConnectorValidator.keyInfo(key)));
    ConnectorRoutes.json(ctx, 200, result);
  }

  private void validate(Context ctx) {
    String requested = ctx.pathParam("plugin");
    Map<String, String> config =
        Bodies.configMap(Bodies.object(ctx), "the connector config", false);
    String included = config.get("connector.class");
    if (included == null || included.isBlank()) {
      throw HttpError.badRequest("Connector config " + config + " contains no connector type");
    }
    if (!normalize(included).endsWith(normalize(requested))) {
      throw HttpError.badRequest(
          "Included connector type " + included + " does not match request type " + requested);
    }
    ConnectorRoutes.json(ctx, 200, herder.get().validate(config));
  }

  private static String normalize(String name) {
    return name.endsWith("Connector")
        ? name.substring(0, name.length() - "Connector".length())
        : name;
  }
}
