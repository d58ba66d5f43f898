package dev.wharf.connect.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/** Runs {@link RecordingSinkTask}s, {@code tasks.max} of them. */
public class RecordingSinkConnector extends SinkConnector {
  private Map<String, String> config;

  @Override
  public void start(Map<String, String> props) {
    config = props;
  }

  @Override
  public Class<? extends Task> taskClass() {
    return RecordingSinkTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>();
    for (int i = 0; i < maxTasks; i++) {
      configs.add(new HashMap<>(config));
    }
    return configs;
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return new ConfigDef()
        .define("recorder", ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "Where records go.");
  }

  @Override
  public String version() {
    return "1.0";
  }
}
