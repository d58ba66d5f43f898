package dev.wharf.core.config;

/** Renders a {@link ConfigDefinition} as documentation: a Markdown table and a properties file. */
public final class ConfigDocs {
  private ConfigDocs() {}

  /** A Markdown table with one row per key: name, type, default, environment variable, doc. */
  public static String markdownTable(ConfigDefinition definition) {
    StringBuilder out = new StringBuilder();
    out.append("| key | type | default | environment | description |\n");
    out.append("|---|---|---|---|---|\n");
    for (ConfigKey<?> key : definition.keys()) {
      String rule = key.validator().description();
      out.append("| `")
          .append(key.name())
          .append("` | ")
          .append(key.type().name())
          .append(rule.isEmpty() ? "" : " " + rule)
          .append(" | ")
          .append(key.defaultText().isEmpty() ? "(none)" : "`" + key.defaultText() + "`")
          .append(" | `")
          .append(key.environmentVariable())
          .append("` | ")
          .append(key.doc().replace("|", "\\|"))
          .append(" |\n");
    }
    return out.toString();
  }

  /**
   * A properties file that writes out every default, commented out and preceded by its
   * documentation: the file documents the defaults without pinning them, so a default that Wharf
   * derives (a service's listener from {@code listeners.host}) still follows; uncomment a line to
   * change it.
   */
  public static String propertiesFile(ConfigDefinition definition, String header) {
    StringBuilder out = new StringBuilder();
    header.lines().forEach(line -> out.append("# ").append(line).append('\n'));
    for (ConfigKey<?> key : definition.keys()) {
      out.append('\n');
      out.append(wrapAsComment(key.doc()));
      out.append("# Type: ").append(key.type().name());
      String rule = key.validator().description();
      out.append(rule.isEmpty() ? "" : " " + rule);
      out.append(". Environment: ").append(key.environmentVariable()).append('\n');
      out.append('#').append(key.name()).append('=').append(escape(key.defaultText())).append('\n');
    }
    return out.toString();
  }

  private static String wrapAsComment(String text) {
    StringBuilder out = new StringBuilder();
    StringBuilder line = new StringBuilder("#");
    for (String word : text.split("\\s+")) {
      if (line.length() + word.length() + 1 > 100) {
        out.append(line).append('\n');
        line = new StringBuilder("#");
      }
      line.append(' ').append(word);
    }
    return out.append(line).append('\n').toString();
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\");
  }
}
