package dev.wharf.connect.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * A source whose number of tasks a test changes while it runs ({@link #setTasks}), then asks the
 * runtime to regenerate them through {@code requestTaskReconfiguration()}, as connectors watching
 * an external system do.
 */
public class ReconfigurableSourceConnector extends SourceConnector {
  private static final Map<String, Integer> TASKS = new ConcurrentHashMap<>();
  private static final Map<String, ReconfigurableSourceConnector> RUNNING =
      new ConcurrentHashMap<>();

  private Map<String, String> config;

  /** Sets how many tasks connector {@code name} wants and tells the runtime. */
  public static void setTasks(String name, int tasks) {
    TASKS.put(name, tasks);
    ReconfigurableSourceConnector connector = RUNNING.get(name);
    if (connector != null) {
      connector.context().requestTaskReconfiguration();
    }
  }

  @Override
  public void start(Map<String, String> props) {
    config = props;
    RUNNING.put(props.get("name"), this);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return CountingSourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    int wanted = Math.min(maxTasks, TASKS.getOrDefault(config.get("name"), 1));
    List<Map<String, String>> configs = new ArrayList<>();
    for (int i = 0; i < wanted; i++) {
      Map<String, String> task = new HashMap<>(config);
      task.put("topic", config.get("topic") + "-" + i);
      task.put("partition", "counter-" + i);
      configs.add(task);
    }
    return configs;
  }

  @Override
  public void stop() {
    RUNNING.remove(config.get("name"), this);
  }

  @Override
  public org.apache.kafka.common.config.ConfigDef config() {
    return new org.apache.kafka.common.config.ConfigDef();
  }

  @Override
  public String version() {
    return "1.0";
  }
}
