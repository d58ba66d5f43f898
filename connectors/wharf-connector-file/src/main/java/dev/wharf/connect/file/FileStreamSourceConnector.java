package dev.wharf.connect.file;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Streams lines of text files (or standard input) into a Kafka topic, one record per line; a
 * drop-in for Apache's {@code FileStreamSource} (same keys, same offsets) that follows growing and
 * rotated files, reads many files across tasks and bounds memory per line. With {@code files}, a
 * {@link FileWatch} matches the globs again every {@code files.scan.interval.ms} and asks for new
 * task configs when the set of files changes; the files are dealt round-robin to at most {@code
 * tasks.max} tasks.
 */
public final class FileStreamSourceConnector extends SourceConnector {
  private Map<String, String> props;
  private FileSourceSettings settings;
  private FileWatch watch;

  @Override
  public String version() {
    return Versions.VERSION;
  }

  @Override
  public ConfigDef config() {
    return FileSourceConfig.DEF;
  }

  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    return FileSourceConfig.validate(connectorConfigs);
  }

  @Override
  public void start(Map<String, String> props) {
    this.props = Map.copyOf(props);
    this.settings = FileSourceConfig.parse(props);
    if (!settings.files().isEmpty()) {
      watch = new FileWatch(settings, context::requestTaskReconfiguration, context::raiseError);
      watch.start();
    }
  }

  @Override
  public Class<? extends Task> taskClass() {
    return FileStreamSourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    if (watch == null) {
      return List.of(props);
    }
    List<String> files = watch.files();
    int tasks = Math.min(maxTasks, files.size());
    List<List<String>> groups = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      groups.add(new ArrayList<>());
    }
    for (int i = 0; i < files.size(); i++) {
      groups.get(i % tasks).add(files.get(i));
    }
    List<Map<String, String>> configs = new ArrayList<>();
    for (List<String> group : groups) {
      Map<String, String> config = new HashMap<>(props);
      config.put(FileSourceConfig.TASK_FILES, String.join("\n", group));
      configs.add(config);
    }
    return configs;
  }

  @Override
  public void stop() {
    if (watch != null) {
      watch.close();
      watch = null;
    }
  }

  @Override
  public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
    boolean stdin =
        blank(connectorConfig.get(FileSourceConfig.FILE))
            && blank(connectorConfig.get(FileSourceConfig.FILES));
    // Positions are exact byte offsets, so a transaction can carry them with the records.
    return stdin ? ExactlyOnceSupport.UNSUPPORTED : ExactlyOnceSupport.SUPPORTED;
  }

  @Override
  public boolean alterOffsets(
      Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
    for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
      Map<String, ?> partition = entry.getKey();
      if (partition == null || !(partition.get(SourcePosition.FILENAME) instanceof String)) {
        throw new ConnectException(
            "Partition " + partition + " must have the key '" + SourcePosition.FILENAME + "'");
      }
      Map<String, ?> offset = entry.getValue();
      if (offset == null) {
        continue; // a reset: the file is read from its start
      }
      Object position = offset.get(SourcePosition.POSITION);
      if (!(position instanceof Long || position instanceof Integer)
          || ((Number) position).longValue() < 0) {
        throw new ConnectException(
            "The offset of "
                + partition.get(SourcePosition.FILENAME)
                + " must have a non-negative integer '"
                + SourcePosition.POSITION
                + "', not "
                + position);
      }
    }
    return true;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
