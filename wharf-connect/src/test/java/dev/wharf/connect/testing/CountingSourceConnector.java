package dev.wharf.connect.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/** Runs {@link CountingSourceTask}s; fails in start() when {@code fail.on.start} is true. */
public class CountingSourceConnector extends SourceConnector {
  static final ConfigDef CONFIG =
      new ConfigDef()
          .define("topic", ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "Topic to write to.")
          .define(
              "count", ConfigDef.Type.LONG, 1000L, ConfigDef.Importance.LOW, "Records to emit.");

  private Map<String, String> config;

  @Override
  public void start(Map<String, String> props) {
    if (Boolean.parseBoolean(props.get("fail.on.start"))) {
      throw new IllegalStateException("connector refused to start");
    }
    config = props;
  }

  @Override
  public Class<? extends Task> taskClass() {
    return CountingSourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>();
    configs.add(new HashMap<>(config));
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
