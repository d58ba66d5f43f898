package dev.wharf.connect.file;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The sink's {@code file}, which may contain {@code ${topic}} and {@code ${partition}}. Its base
 * directory is the directory part before the first placeholder; every resolved path must stay below
 * it, so that a topic named {@code ..} cannot lead a sink elsewhere.
 */
final class PathTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

  private final String template;
  private final boolean hasPlaceholders;
  private final Path base;

  private PathTemplate(String template, boolean hasPlaceholders, Path base) {
    this.template = template;
    this.hasPlaceholders = hasPlaceholders;
    this.base = base;
  }

  /** Parses {@code template}; throws IllegalArgumentException for an unknown placeholder. */
  static PathTemplate parse(String template) {
    Matcher matcher = PLACEHOLDER.matcher(template);
    boolean found = false;
    while (matcher.find()) {
      String name = matcher.group(1);
      if (!name.equals("topic") && !name.equals("partition")) {
        throw new IllegalArgumentException(
            "Unknown placeholder ${"
                + name
                + "} in file "
                + template
                + "; only ${topic} and ${partition} are supported");
      }
      found = true;
    }
    Path base;
    if (found) {
      String prefix = template.substring(0, template.indexOf("${"));
      Path prefixPath = Path.of(prefix.isEmpty() ? "." : prefix);
      base = prefix.endsWith("/") || prefix.isEmpty() ? prefixPath : prefixPath.getParent();
      if (base == null) {
        base = Path.of(".");
      }
    } else {
      Path parent = Path.of(template).toAbsolutePath().getParent();
      base = parent == null ? Path.of(template) : parent;
    }
    return new PathTemplate(template, found, base.toAbsolutePath().normalize());
  }

  boolean hasPlaceholders() {
    return hasPlaceholders;
  }

  /** The directory every resolved file lies in or below. */
  Path base() {
    return base;
  }

  /** The file for records of {@code topic} partition {@code partition}. */
  Path resolve(String topic, int partition) {
    if (!hasPlaceholders) {
      return Path.of(template);
    }
    String name =
        template.replace("${topic}", topic).replace("${partition}", String.valueOf(partition));
    Path path = Path.of(name).toAbsolutePath().normalize();
    if (!path.startsWith(base) || path.equals(base)) {
      throw new ConnectException(
          "File "
              + path
              + " for topic "
              + topic
              + " is outside the directory "
              + base
              + " of the file template "
              + template);
    }
    return path;
  }
}
