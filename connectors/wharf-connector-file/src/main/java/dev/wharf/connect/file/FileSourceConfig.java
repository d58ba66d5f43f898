package dev.wharf.connect.file;

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
 * The source's keys, each declared once with its type, default and documentation: Apache's ({@code
 * file}, {@code topic}, {@code batch.size}) and Wharf's. {@link #validate} adds the checks a
 * ConfigDef cannot express (paths, globs, encodings, exclusive keys) to the right key; {@link
 * #parse} refuses what validation would report, so a connector started without validation fails
 * with the same messages.
 */
final class FileSourceConfig {
  static final String FILE = "file";
  static final String FILES = "files";
  static final String TOPIC = "topic";
  static final String BATCH_SIZE = "batch.size";
  static final String POLL_INTERVAL_MS = "poll.interval.ms";
  static final String SCAN_INTERVAL_MS = "files.scan.interval.ms";
  static final String ENCODING = "encoding";
  static final String MAX_LINE_BYTES = "max.line.bytes";
  static final String MAX_LINE_ACTION = "max.line.action";
  static final String KEY_FILE_PATH = "key.file.path";
  static final String HEADERS_ENABLED = "headers.enabled";

  /** Task-only: the files one task reads, separated by newlines. */
  static final String TASK_FILES = "task.files";

  static final ConfigDef DEF =
      new ConfigDef()
          .define(
              FILE,
              Type.STRING,
              null,
              Importance.HIGH,
              "The file to read. Unset (and no files): read standard input, as Apache does.")
          .define(
              FILES,
              Type.LIST,
              "",
              Importance.HIGH,
              "Files to read instead of one file: paths and globs (Java glob syntax over the whole"
                  + " path), spread across tasks.max tasks; files that later match a glob are"
                  + " picked up. Exclusive with file.")
          .define(
              TOPIC,
              Type.STRING,
              ConfigDef.NO_DEFAULT_VALUE,
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              "The topic to publish lines to.")
          .define(
              BATCH_SIZE,
              Type.INT,
              2000,
              ConfigDef.Range.atLeast(1),
              Importance.LOW,
              "The maximum number of records a task returns per poll.")
          .define(
              POLL_INTERVAL_MS,
              Type.LONG,
              100L,
              ConfigDef.Range.atLeast(1),
              Importance.MEDIUM,
              "How long a task waits for new lines before looking again; also how long a rotated"
                  + " file must be quiet before the task moves on to the new file.")
          .define(
              SCAN_INTERVAL_MS,
              Type.LONG,
              5000L,
              ConfigDef.Range.atLeast(1),
              Importance.LOW,
              "How often the globs in files are matched again to pick up new files.")
          .define(
              ENCODING,
              Type.STRING,
              "UTF-8",
              Importance.MEDIUM,
              "The character encoding of the files (ASCII-compatible: UTF-8, ISO-8859-1, ...).")
          .define(
              MAX_LINE_BYTES,
              Type.INT,
              1024 * 1024,
              ConfigDef.Range.atLeast(16),
              Importance.MEDIUM,
              "The longest line, in bytes, kept whole; longer lines go by max.line.action.")
          .define(
              MAX_LINE_ACTION,
              Type.STRING,
              "skip",
              ConfigDef.ValidString.in("skip", "split", "fail"),
              Importance.MEDIUM,
              "What to do with a line longer than max.line.bytes: skip (with a warning), split"
                  + " (records of at most max.line.bytes) or fail (the task fails).")
          .define(
              KEY_FILE_PATH,
              Type.BOOLEAN,
              false,
              Importance.LOW,
              "Whether each record's key is the path of its file (a string); else no key.")
          .define(
              HEADERS_ENABLED,
              Type.BOOLEAN,
              false,
              Importance.LOW,
              "Whether each record carries the headers file (the path) and line (its number).");

  private FileSourceConfig() {}

  /** Validates {@code props}: the ConfigDef's checks plus paths, globs and encoding. */
  static Config validate(Map<String, String> props) {
    Map<String, ConfigValue> values = new HashMap<>();
    List<ConfigValue> ordered = DEF.validate(props);
    for (ConfigValue value : ordered) {
      values.put(value.name(), value);
    }
    for (Map.Entry<String, List<String>> errors : semanticErrors(props).entrySet()) {
      errors.getValue().forEach(values.get(errors.getKey())::addErrorMessage);
    }
    return new Config(ordered);
  }

  /** Parses {@code props}; throws ConfigException with every error when they are invalid. */
  static FileSourceSettings parse(Map<String, String> props) {
    AbstractConfig config = new AbstractConfig(DEF, props);
    List<String> errors = new ArrayList<>();
    semanticErrors(props).values().forEach(errors::addAll);
    if (!errors.isEmpty()) {
      throw new ConfigException(String.join("; ", errors));
    }
    String file = config.getString(FILE);
    return new FileSourceSettings(
        file == null || file.isBlank() ? null : file,
        trimmed(config.getList(FILES)),
        config.getString(TOPIC).trim(),
        config.getInt(BATCH_SIZE),
        config.getLong(POLL_INTERVAL_MS),
        config.getLong(SCAN_INTERVAL_MS),
        SourceEncoding.forName(config.getString(ENCODING)),
        config.getInt(MAX_LINE_BYTES),
        LongLineAction.parse(config.getString(MAX_LINE_ACTION)),
        config.getBoolean(KEY_FILE_PATH),
        config.getBoolean(HEADERS_ENABLED));
  }

  private static Map<String, List<String>> semanticErrors(Map<String, String> props) {
    Map<String, List<String>> errors = new HashMap<>();
    String file = props.get(FILE);
    List<String> files = entries(props.get(FILES));
    boolean hasFile = file != null && !file.isBlank();
    if (hasFile && !files.isEmpty()) {
      String error = "file and files are mutually exclusive, but both are set";
      add(errors, FILE, error);
      add(errors, FILES, error);
    }
    if (hasFile) {
      PathChecks.readableFile(file.trim()).forEach(e -> add(errors, FILE, e));
    }
    for (String entry : files) {
      if (FilePatterns.isGlob(entry)) {
        try {
          FilePatterns.matcher(entry);
          PathChecks.directory(FilePatterns.baseOf(entry), "of the glob " + entry, false)
              .forEach(e -> add(errors, FILES, e));
          AllowedPaths.current()
              .check(FilePatterns.baseOf(entry))
              .ifPresent(e -> add(errors, FILES, e));
        } catch (IllegalArgumentException e) {
          add(errors, FILES, e.getMessage());
        }
      } else {
        PathChecks.readableFile(entry).forEach(e -> add(errors, FILES, e));
      }
    }
    String topic = props.get(TOPIC);
    if (topic != null && topic.contains(",")) {
      add(errors, TOPIC, "A file source publishes to a single topic, but topic is " + topic);
    }
    String encoding = props.get(ENCODING);
    if (encoding != null) {
      try {
        SourceEncoding.forName(encoding);
      } catch (IllegalArgumentException e) {
        add(errors, ENCODING, e.getMessage());
      }
    }
    return errors;
  }

  private static List<String> entries(String list) {
    List<String> result = new ArrayList<>();
    if (list != null) {
      for (String entry : list.split(",")) {
        if (!entry.isBlank()) {
          result.add(entry.trim());
        }
      }
    }
    return result;
  }

  private static List<String> trimmed(List<String> list) {
    List<String> result = new ArrayList<>();
    for (String entry : list) {
      if (!entry.isBlank()) {
        result.add(entry.trim());
      }
    }
    return List.copyOf(result);
  }

  private static void add(Map<String, List<String>> errors, String key, String error) {
    errors.computeIfAbsent(key, k -> new ArrayList<>()).add(error);
  }
}
