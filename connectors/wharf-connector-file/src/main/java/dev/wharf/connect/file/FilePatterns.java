package dev.wharf.connect.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The {@code files} entries of a source: each a path, or a glob ({@code *}, {@code ?}, {@code
 * [..]}, {@code **}) in Java's {@link java.nio.file.FileSystem#getPathMatcher} syntax over the
 * whole path; {@code {a,b}} is recognised too, but {@code files} is a comma-separated list, so it
 * cannot hold one. A glob's base directory is its longest leading part without glob characters; it
 * must exist. Plain paths are always listed, existing or not (the task waits for them); globs list
 * the regular files that match now.
 */
final class FilePatterns {
  private FilePatterns() {}

  static boolean isGlob(String entry) {
    return entry.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }

  /** The directory a glob is rooted in ({@code ""}, the working directory, for "*.log"). */
  static Path baseOf(String glob) {
    Path pattern = Path.of(glob);
    Path base = pattern.getRoot();
    for (int i = 0; i < pattern.getNameCount() - 1; i++) {
      String part = pattern.getName(i).toString();
      if (isGlob(part)) {
        break;
      }
      base = base == null ? Path.of(part) : base.resolve(part);
    }
    return base == null ? Path.of("") : base;
  }

  /** The matcher of a glob; throws IllegalArgumentException naming the glob when it is invalid. */
  static PathMatcher matcher(String glob) {
    try {
      return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid glob " + glob + ": " + e.getMessage(), e);
    }
  }

  /** Every file the entries name now, sorted, each once. */
  static List<String> expand(List<String> entries) {
    TreeSet<String> files = new TreeSet<>();
    for (String entry : entries) {
      if (isGlob(entry)) {
        files.addAll(matches(entry));
      } else {
        files.add(entry);
      }
    }
    return new ArrayList<>(files);
  }

  private static List<String> matches(String glob) {
    Path base = baseOf(glob);
    if (!Files.isDirectory(base)) {
      throw new ConnectException(
          "Directory " + base + " of the files glob " + glob + " does not exist");
    }
    PathMatcher matcher = matcher(glob);
    int baseNames = base.toString().isEmpty() ? 0 : base.getNameCount();
    int depth = glob.contains("**") ? Integer.MAX_VALUE : Path.of(glob).getNameCount() - baseNames;
    List<String> result = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(base, depth)) {
      walk.filter(Files::isRegularFile)
          .filter(matcher::matches)
          .forEach(p -> result.add(p.toString()));
    } catch (IOException | UncheckedIOException e) {
      throw new ConnectException("Cannot list directory " + base + " for the glob " + glob, e);
    }
    return result;
  }
}
