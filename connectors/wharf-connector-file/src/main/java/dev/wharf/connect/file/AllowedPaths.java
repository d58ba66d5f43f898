package dev.wharf.connect.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The directories the worker lets file connectors read and write ({@code file.allowed.paths}). The
 * worker publishes its setting as the system property {@value #PROPERTY} (or, for runtimes that
 * cannot set one, the environment variable {@value #ENVIRONMENT}), comma-separated; connectors read
 * it rather than a connector config key so that whoever can submit connector configs cannot widen
 * it. Unset or empty means unrestricted, as in Apache Kafka. Paths are compared after resolving
 * symbolic links, so a link inside an allowed directory cannot lead outside it.
 */
final class AllowedPaths {
  static final String PROPERTY = "wharf.file.allowed.paths";
  static final String ENVIRONMENT = "WHARF_FILE_ALLOWED_PATHS";

  private final List<Path> directories;

  private AllowedPaths(List<Path> directories) {
    this.directories = directories;
  }

  /** The restriction currently in force in this JVM; read on every use so it is never stale. */
  static AllowedPaths current() {
    String value = System.getProperty(PROPERTY);
    if (value == null) {
      value = System.getenv(ENVIRONMENT);
    }
    return parse(value);
  }

  static AllowedPaths parse(String value) {
    List<Path> directories = new ArrayList<>();
    if (value != null) {
      for (String entry : value.split(",")) {
        if (!entry.isBlank()) {
          directories.add(realOrNormal(Path.of(entry.trim())));
        }
      }
    }
    return new AllowedPaths(List.copyOf(directories));
  }

  boolean unrestricted() {
    return directories.isEmpty();
  }

  /** An error naming {@code path} when it lies outside every allowed directory. */
  Optional<String> check(Path path) {
    if (unrestricted()) {
      return Optional.empty();
    }
    Path resolved = realOrNormal(path);
    for (Path directory : directories) {
      if (resolved.startsWith(directory)) {
        return Optional.empty();
      }
    }
    return Optional.of(
        "Path "
            + path
            + " is outside the directories the worker allows in file.allowed.paths: "
            + directories);
  }

  /**
   * The real path of {@code path}, or of its deepest existing ancestor with the rest appended, so
   * that files not yet created are judged by where their directory really is.
   */
  static Path realOrNormal(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path existing = absolute;
    Path rest = null;
    while (existing != null && !Files.exists(existing)) {
      Path name = existing.getFileName();
      rest = rest == null ? name : name.resolve(rest);
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute;
    }
    try {
      Path real = existing.toRealPath();
      return rest == null ? real : real.resolve(rest).normalize();
    } catch (IOException e) {
      return absolute;
    }
  }
}
