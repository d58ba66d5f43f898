package dev.wharf.connect.plugins;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds plugin locations the way Apache Kafka Connect reads {@code plugin.path}: an entry that is a
 * directory contributes each directory and each JAR or ZIP directly below it as one plugin; an
 * entry that is itself a JAR is one plugin. A plugin directory's class path is every archive found
 * below it (following symbolic links), or the directory itself when it holds only class files.
 * Missing entries are logged and skipped, as Apache does.
 */
final class PluginLocations {
  private static final Logger log = LoggerFactory.getLogger(PluginLocations.class);

  private PluginLocations() {}

  /**
   * The plugin locations below the given plugin.path entries, in a stable order, each once even if
   * an entry is listed twice.
   */
  static List<Path> under(List<Path> pluginPath) {
    Set<Path> locations = new LinkedHashSet<>();
    for (Path entry : pluginPath) {
      Path absolute = entry.toAbsolutePath().normalize();
      if (Files.isDirectory(absolute)) {
        try (Stream<Path> children = Files.list(absolute)) {
          children
              .filter(child -> Files.isDirectory(child) || isArchive(child))
              .sorted()
              .forEach(locations::add);
        } catch (IOException e) {
          log.error("Could not list plugin path entry {}; ignoring it", absolute, e);
        }
      } else if (isArchive(absolute) && Files.isRegularFile(absolute)) {
        locations.add(absolute);
      } else {
        log.error("Plugin path entry {} is neither a directory nor a JAR; ignoring it", absolute);
      }
    }
    return List.copyOf(locations);
  }

  /** The URLs that make up one plugin's class path; empty when the location holds no classes. */
  static List<URL> classPathOf(Path location) {
    try {
      if (isArchive(location)) {
        return List.of(location.toUri().toURL());
      }
      TreeSet<Path> archives = new TreeSet<>();
      boolean[] hasClassFiles = {false};
      Files.walkFileTree(
          location,
          EnumSet.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (isArchive(file)) {
                archives.add(file);
              } else if (file.toString().endsWith(".class")) {
                hasClassFiles[0] = true;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              // A broken symbolic link or a link cycle must not hide the rest of the plugin.
              log.warn("Skipping {} in plugin {}: {}", file, location, e.toString());
              return FileVisitResult.CONTINUE;
            }
          });
      if (archives.isEmpty()) {
        return hasClassFiles[0] ? List.of(location.toUri().toURL()) : List.of();
      }
      if (hasClassFiles[0]) {
        log.warn(
            "Plugin {} contains both JARs and loose class files; only the JARs are used", location);
      }
      List<URL> urls = new ArrayList<>();
      for (Path archive : archives) {
        urls.add(archive.toUri().toURL());
      }
      return urls;
    } catch (MalformedURLException e) {
      throw new ConnectException("Plugin location " + location + " is not a valid URL", e);
    } catch (IOException e) {
      throw new ConnectException("Could not read plugin location " + location, e);
    }
  }

  static boolean isArchive(Path path) {
    String name = path.getFileName() == null ? "" : path.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".jar") || lower.endsWith(".zip");
  }
}
