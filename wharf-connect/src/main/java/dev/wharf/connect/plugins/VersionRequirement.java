package dev.wharf.connect.plugins;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The plugin version a config asks for (KIP-891's {@code connector.plugin.version}, {@code
 * key.converter.plugin.version}, ...), in the Maven range syntax Apache accepts: a bare version
 * means exactly that version, {@code [1.0,2.0)} a range with inclusive or exclusive bounds, either
 * bound may be empty, and several ranges may be listed, comma-separated. Null, blank and {@code
 * latest} ask for the newest version.
 */
final class VersionRequirement {
  static final VersionRequirement LATEST = new VersionRequirement("latest", List.of());

  private final String spec;
  private final List<Predicate<String>> ranges;

  private VersionRequirement(String spec, List<Predicate<String>> ranges) {
    this.spec = spec;
    this.ranges = ranges;
  }

  /**
   * Parses a version requirement.
   *
   * @throws ConnectException when the text is not a version or a list of version ranges
   */
  static VersionRequirement parse(String spec) {
    if (spec == null || spec.isBlank() || spec.strip().equals("latest")) {
      return LATEST;
    }
    String text = spec.strip();
    if (text.charAt(0) != '[' && text.charAt(0) != '(') {
      return new VersionRequirement(
          text, List.of(version -> PluginVersions.compare(version, text) == 0));
    }
    List<Predicate<String>> ranges = new ArrayList<>();
    int at = 0;
    while (at < text.length()) {
      int close = indexOfClosing(text, at);
      if (close < 0) {
        throw invalid(spec);
      }
      ranges.add(range(text.substring(at, close + 1), spec));
      at = close + 1;
      if (at < text.length()) {
        if (text.charAt(at) != ',') {
          throw invalid(spec);
        }
        at++;
      }
    }
    return new VersionRequirement(text, List.copyOf(ranges));
  }

  /** Whether any version is acceptable (the newest is then taken). */
  boolean isLatest() {
    return ranges.isEmpty();
  }

  boolean allows(String version) {
    return isLatest() || ranges.stream().anyMatch(range -> range.test(version));
  }

  @Override
  public String toString() {
    return spec;
  }

  private static int indexOfClosing(String text, int open) {
    for (int i = open + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ']' || c == ')') {
        return i;
      }
    }
    return -1;
  }

  private static Predicate<String> range(String range, String spec) {
    boolean lowerInclusive = range.charAt(0) == '[';
    boolean upperInclusive = range.charAt(range.length() - 1) == ']';
    String inside = range.substring(1, range.length() - 1);
    int comma = inside.indexOf(',');
    if (comma < 0) {
      String exact = inside.strip();
      if (exact.isEmpty() || !lowerInclusive || !upperInclusive) {
        throw invalid(spec);
      }
      return version -> PluginVersions.compare(version, exact) == 0;
    }
    if (inside.indexOf(',', comma + 1) >= 0) {
      throw invalid(spec);
    }
    String lower = inside.substring(0, comma).strip();
    String upper = inside.substring(comma + 1).strip();
    return version -> {
      boolean aboveLower =
          lower.isEmpty()
              || (lowerInclusive
                  ? PluginVersions.compare(version, lower) >= 0
                  : PluginVersions.compare(version, lower) > 0);
      boolean belowUpper =
          upper.isEmpty()
              || (upperInclusive
                  ? PluginVersions.compare(version, upper) <= 0
                  : PluginVersions.compare(version, upper) < 0);
      return aboveLower && belowUpper;
    };
  }

  private static ConnectException invalid(String spec) {
    return new ConnectException(
        "Invalid plugin version requirement '"
            + spec
            + "': expected 'latest', a version such as 1.2.0, or ranges such as [1.0,2.0)");
  }
}
