package dev.wharf.core.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format (version 0.0.4), for tests: it rejects
 * malformed names, labels, escapes and values, a {@code # TYPE} line that comes after samples of
 * its family or twice, and the same series twice, so a test that parses {@code /metrics} proves a
 * Prometheus server would accept it.
 */
public final class PrometheusText {
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Set<String> TYPES =
      Set.of("counter", "gauge", "histogram", "summary", "untyped");
  private static final List<String> SUFFIXES = List.of("_bucket", "_count", "_sum", "_total");

  /** One sample: a series (name and labels) and its value. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;
  private final Map<String, String> types;

  private PrometheusText(List<Sample> samples, Map<String, String> types) {
    this.samples = samples;
    this.types = types;
  }

  /**
   * Parses a whole exposition.
   *
   * @throws IllegalArgumentException naming the line at the first violation of the format
   */
  public static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    Map<String, String> types = new HashMap<>();
    Set<String> familiesWithSamples = new HashSet<>();
    Set<String> series = new HashSet<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int number = i + 1;
      if (line.isEmpty()) {
        if (i != lines.length - 1) {
          throw error(number, line, "empty line");
        }
        continue;
      }
      if (line.startsWith("#")) {
        String[] parts = line.split(" ", 4);
        if (parts.length >= 3 && parts[1].equals("TYPE")) {
          String family = requireName(parts[2], number, line);
          if (parts.length != 4 || !TYPES.contains(parts[3])) {
            throw error(number, line, "unknown type");
          }
          if (types.containsKey(family) || familiesWithSamples.contains(family)) {
            throw error(number, line, "TYPE repeated or after the family's samples");
          }
          types.put(family, parts[3]);
        } else if (parts.length >= 3 && parts[1].equals("HELP")) {
          requireName(parts[2], number, line);
        }
        continue;
      }
      Sample sample = parseSample(line, number);
      if (!series.add(sample.name() + sample.labels())) {
        throw error(number, line, "series repeated");
      }
      familiesWithSamples.add(family(sample.name(), types));
      samples.add(sample);
    }
    return new PrometheusText(samples, types);
  }

  public List<Sample> samples() {
    return samples;
  }

  /** The declared type of a family ({@code counter}, {@code histogram}...), if any. */
  public Optional<String> type(String family) {
    return Optional.ofNullable(types.get(family));
  }

  /** Samples of {@code name} whose labels include every given label. */
  public List<Sample> find(String name, Map<String, String> labels) {
    List<Sample> found = new ArrayList<>();
    for (Sample sample : samples) {
      if (sample.name().equals(name) && sample.labels().entrySet().containsAll(labels.entrySet())) {
        found.add(sample);
      }
    }
    return found;
  }

  /** The value of the single sample of {@code name} with the given labels. */
  public double value(String name, Map<String, String> labels) {
    List<Sample> found = find(name, labels);
    if (found.size() != 1) {
      throw new AssertionError(
          "expected one sample of " + name + labels + " but found " + found.size());
    }
    return found.get(0).value();
  }

  private static String family(String name, Map<String, String> types) {
    for (String suffix : SUFFIXES) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        if (types.containsKey(base)) {
          return base;
        }
      }
    }
    return name;
  }

  private static Sample parseSample(String line, int number) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = requireName(line.substring(0, i), number, line);
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (true) {
        if (i >= line.length()) {
          throw error(number, line, "unterminated labels");
        }
        if (line.charAt(i) == '}') {
          i++;
          break;
        }
        int eq = line.indexOf('=', i);
        if (eq < 0) {
          throw error(number, line, "label without '='");
        }
        String label = line.substring(i, eq);
        if (!LABEL_NAME.matcher(label).matches() || labels.containsKey(label)) {
          throw error(number, line, "bad or repeated label name '" + label + "'");
        }
        if (eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
          throw error(number, line, "label value not quoted");
        }
        StringBuilder value = new StringBuilder();
        int j = eq + 2;
        while (true) {
          if (j >= line.length()) {
            throw error(number, line, "unterminated label value");
          }
          char c = line.charAt(j);
          if (c == '"') {
            break;
          }
          if (c == '\\') {
            char next = j + 1 < line.length() ? line.charAt(j + 1) : ' ';
            switch (next) {
              case '\\' -> value.append('\\');
              case '"' -> value.append('"');
              case 'n' -> value.append('\n');
              default -> throw error(number, line, "bad escape in label value");
            }
            j += 2;
          } else {
            value.append(c);
            j++;
          }
        }
        labels.put(label, value.toString());
        i = j + 1;
        if (i < line.length() && line.charAt(i) == ',') {
          i++;
        } else if (i >= line.length() || line.charAt(i) != '}') {
          throw error(number, line, "expected ',' or '}' after a label");
        }
      }
    }
    if (i >= line.length() || line.charAt(i) != ' ') {
      throw error(number, line, "no space before the value");
    }
    String[] rest = line.substring(i + 1).split(" ", -1);
    if (rest.length < 1 || rest.length > 2) {
      throw error(number, line, "expected a value and an optional timestamp");
    }
    double value = parseValue(rest[0], number, line);
    if (rest.length == 2) {
      try {
        Long.parseLong(rest[1]);
      } catch (NumberFormatException e) {
        throw error(number, line, "bad timestamp");
      }
    }
    return new Sample(name, Map.copyOf(labels), value);
  }

  private static double parseValue(String text, int number, String line) {
    switch (text) {
      case "NaN":
        return Double.NaN;
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        try {
          if (text.isEmpty() || text.endsWith("d") || text.endsWith("f")) {
            throw new NumberFormatException(text);
          }
          return Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw error(number, line, "bad value '" + text + "'");
        }
    }
  }

  private static String requireName(String name, int number, String line) {
    if (!METRIC_NAME.matcher(name).matches()) {
      throw error(number, line, "bad metric name '" + name + "'");
    }
    return name;
  }

  private static IllegalArgumentException error(int number, String line, String problem) {
    return new IllegalArgumentException(
        "Prometheus text, line " + number + ": " + problem + ": " + line);
  }
}
