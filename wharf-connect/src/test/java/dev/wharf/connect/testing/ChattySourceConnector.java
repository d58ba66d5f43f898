package dev.wharf.connect.testing;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plugin that logs through its own SLF4J loggers and writes no records: {@link ChattySourceTask}
 * logs on every poll; it runs {@code tasks.max} tasks. {@code api.credential} is a PASSWORD key, as
 * a real plugin declares its secrets.
 */
public class ChattySourceConnector extends SourceConnector {
  private static final Logger log = LoggerFactory.getLogger(ChattySourceConnector.class);
  private static final ConfigDef CONFIG =
      new ConfigDef()
          .define(
              "api.credential",
              ConfigDef.Type.PASSWORD,
              "",
              ConfigDef.Importance.HIGH,
              "A secret the task uses.")
          .define("token", ConfigDef.Type.STRING, "", ConfigDef.Importance.LOW, "A token.");

  private Map<String, String> config;

  @Override
  public void start(Map<String, String> props) {
    config = props;
    log.info("chatty connector {} starting", props.get("name"));
  }

  @Override
  public Class<? extends Task> taskClass() {
    return ChattySourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new java.util.ArrayList<>();
    for (int i = 0; i < maxTasks; i++) {
      configs.add(config);
    }
    return configs;
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return CONFIG;
  }

  @Override
  public String version() {
    return "1.0";
  }
}
