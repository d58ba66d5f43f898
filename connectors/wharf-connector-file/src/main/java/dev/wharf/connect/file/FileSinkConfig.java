package dev.wharf.connect.file;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

/**
 * The sink's keys: Apache's {@code file} (the runtime handles {@code topics} and {@code
 * topics.regex}) and Wharf's {@code fsync} and {@code rotate.bytes}. {@link #validate} reports path
 * problems on {@code file}; {@link #parse} refuses the same problems.
 */
final class FileSinkConfig {
  static final String FILE = "file";
  static final String FSYNC = "fsync";
  static final String ROTATE_BYTES = "rotate.bytes";

  static final ConfigDef DEF =
      new ConfigDef()
          .define(
              FILE,
              Type.STRING,
              null,
              Importance.HIGH,
              "The file to append records to, one line each; may contain ${topic} and"
                  + " ${partition}. Unset: standard output, as Apache does.")
          .define(
              FSYNC,
              Type.BOOLEAN,
              false,
              Importance.MEDIUM,
              "Whether every flush (before offsets are committed) also forces the data to disk, so"
                  + " that committed records survive a power loss, not only a crash.")
          .define(
              ROTATE_BYTES,
              Type.LONG,
              0L,
              ConfigDef.Range.atLeast(0),
              Importance.LOW,
              "Rotate a file before it would grow past this many bytes: it is renamed to"
                  + " <file>.<n> (n = 1, 2, ...) and a new file started. 0: never.");

  private FileSinkConfig() {}

  static Config validate(Map<String, String> props) {
    List<ConfigValue> values = DEF.validate(props);
    Map<String, ConfigValue> byName = new HashMap<>();
    values.forEach(v -> byName.put(v.name(), v));
    fileErrors(props.get(FILE)).forEach(byName.get(FILE)::addErrorMessage);
    return new Config(values);
  }

  static FileSinkSettings parse(Map<String, String> props) {
    AbstractConfig config = new AbstractConfig(DEF, props);
    List<String> errors = fileErrors(props.get(FILE));
    if (!errors.isEmpty()) {
      throw new ConfigException(String.join("; ", errors));
    }
    String file = config.getString(FILE);
    return new FileSinkSettings(
        file == null || file.isBlank() ? null : PathTemplate.parse(file.trim()),
        config.getBoolean(FSYNC),
        config.getLong(ROTATE_BYTES));
  }

  private static List<String> fileErrors(String file) {
    if (file == null || file.isBlank()) {
      return List.of();
    }
    PathTemplate template;
    try {
      template = PathTemplate.parse(file.trim());
    } catch (IllegalArgumentException e) {
      return List.of(e.getMessage());
    }
    if (!template.hasPlaceholders()) {
      return PathChecks.writableFile(Path.of(file.trim()), false);
    }
    List<String> errors =
        new ArrayList<>(
            PathChecks.directory(template.base(), "of the file template " + file.trim(), true));
    errors.addAll(PathChecks.writableFile(template.base(), true));
    return errors;
  }
}
