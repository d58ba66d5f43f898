package dev.wharf.connect.file;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks both connectors make on a configured path before anything runs, each returning errors
 * that name the path: its directory must exist and be usable, the path itself must not be a
 * directory, and it must lie inside the worker's {@code file.allowed.paths}.
 */
final class PathChecks {
  private PathChecks() {}

  /** Errors for a file the source will read ({@code file} or a plain {@code files} entry). */
  static List<String> readableFile(String file) {
    List<String> errors = new ArrayList<>();
    Path path = Path.of(file);
    Path directory = path.toAbsolutePath().getParent();
    if (directory != null) {
      errors.addAll(directory(directory, "of file " + file, false));
    }
    if (Files.isDirectory(path)) {
      errors.add("File " + file + " is a directory");
    } else if (Files.exists(path) && !Files.isReadable(path)) {
      errors.add("File " + file + " cannot be read: permission denied");
    }
    AllowedPaths.current().check(path).ifPresent(errors::add);
    return errors;
  }

  /** Errors for a file the sink will write, or a directory it will create files in. */
  static List<String> writableFile(Path path, boolean isTemplate) {
    List<String> errors = new ArrayList<>();
    if (!isTemplate) {
      Path directory = path.toAbsolutePath().getParent();
      if (directory != null) {
        errors.addAll(directory(directory, "of file " + path, true));
      }
      if (Files.isDirectory(path)) {
        errors.add("File " + path + " is a directory");
      } else if (Files.exists(path) && !Files.isWritable(path)) {
        errors.add("File " + path + " cannot be written: permission denied");
      }
    }
    AllowedPaths.current().check(path).ifPresent(errors::add);
    return errors;
  }

  /** Errors for a directory that must exist and be readable (and writable when asked). */
  static List<String> directory(Path directory, String role, boolean writable) {
    if (!Files.isDirectory(directory)) {
      return List.of("Directory " + directory + " " + role + " does not exist");
    }
    if (!Files.isReadable(directory) || !Files.isExecutable(directory)) {
      return List.of("Directory " + directory + " " + role + " cannot be read: permission denied");
    }
    if (writable && !Files.isWritable(directory)) {
      return List.of(
          "Directory " + directory + " " + role + " cannot be written: permission denied");
    }
    return List.of();
  }
}
