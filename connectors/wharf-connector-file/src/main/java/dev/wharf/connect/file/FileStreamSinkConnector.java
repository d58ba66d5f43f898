package dev.wharf.connect.file;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Appends the records of Kafka topics to text files, one line per record; a drop-in for Apache's
 * {@code FileStreamSink} (same keys) whose data is written out before offsets are committed, whose
 * tasks can share one file safely, and whose file name may depend on the topic and partition.
 */
public final class FileStreamSinkConnector extends SinkConnector {
  private Map<String, String> props;

  @Override
  public String version() {
    return Versions.VERSION;
  }

  @Override
  public ConfigDef config() {
    return FileSinkConfig.DEF;
  }

  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    return FileSinkConfig.validate(connectorConfigs);
  }

  @Override
  public void start(Map<String, String> props) {
    FileSinkConfig.parse(props);
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return FileStreamSinkTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>();
    for (int i = 0; i < maxTasks; i++) {
      configs.add(props);
    }
    return configs;
  }

  @Override
  public void stop() {
    // Nothing to release: the tasks own the files.
  }
}
