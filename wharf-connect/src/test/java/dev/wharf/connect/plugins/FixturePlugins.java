package dev.wharf.connect.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Builds plugin fixtures at test time: compiles Java sources against connect-api and kafka-clients,
 * and packs classes and ServiceLoader manifests into JARs, so no binary fixture is committed.
 */
final class FixturePlugins {
  private FixturePlugins() {}

  /** Compiles {@code sources} (fully qualified class name to source text) into {@code classes}. */
  static Path compile(Path classes, Map<String, String> sources) throws IOException {
    Path sourceDir = Files.createTempDirectory("fixture-src");
    List<String> files = new ArrayList<>();
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = sourceDir.resolve(source.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      files.add(file.toString());
    }
    Files.createDirectories(classes);
    List<String> options =
        List.of("-proc:none", "-nowarn", "-d", classes.toString(), "-classpath", apiClassPath());
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    try (StandardJavaFileManager fileManager =
        compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      boolean compiled =
          compiler
              .getTask(
                  errors,
                  fileManager,
                  null,
                  options,
                  null,
                  fileManager.getJavaFileObjectsFromStrings(files))
              .call();
      assertThat(compiled).as("compiling fixtures: %s", errors).isTrue();
    }
    return classes;
  }

  /**
   * Packs every file below {@code classes} into {@code jar}, plus ServiceLoader manifests
   * (interface name to the implementation class names).
   */
  static Path jar(Path jar, Path classes, Map<String, List<String>> manifests) throws IOException {
    Files.createDirectories(jar.getParent());
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> files = Files.walk(classes)) {
      for (Path path : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(path));
        out.closeEntry();
      }
      for (Map.Entry<String, List<String>> manifest : manifests.entrySet()) {
        out.putNextEntry(new JarEntry("META-INF/services/" + manifest.getKey()));
        out.write(String.join("\n", manifest.getValue()).getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return jar;
  }

  /** Source of a source connector {@code className} whose version() returns {@code version}. */
  static String sourceConnector(String className, String versionExpression) {
    int dot = className.lastIndexOf('.');
    return """
        package %s;

        import java.util.List;
        import java.util.Map;
        import org.apache.kafka.common.config.ConfigDef;
        import org.apache.kafka.connect.connector.Task;
        import org.apache.kafka.connect.source.SourceConnector;
        import org.apache.kafka.connect.source.SourceRecord;
        import org.apache.kafka.connect.source.SourceTask;

        public class %s extends SourceConnector {
          public String version() { return %s; }
          public void start(Map<String, String> props) {}
          public Class<? extends Task> taskClass() { return EchoTask.class; }
          public List<Map<String, String>> taskConfigs(int max) { return List.of(Map.of()); }
          public void stop() {}
          public ConfigDef config() {
            return new ConfigDef().define("echo.text", ConfigDef.Type.STRING,
                ConfigDef.Importance.HIGH, "What to echo.");
          }

          public static class EchoTask extends SourceTask {
            public String version() { return "task"; }
            public void start(Map<String, String> props) {}
            public List<SourceRecord> poll() { return null; }
            public void stop() {}
          }
        }
        """
        .formatted(className.substring(0, dot), className.substring(dot + 1), versionExpression);
  }

  private static String apiClassPath() {
    return Stream.of(SourceConnector.class, ConfigDef.class)
        .map(FixturePlugins::jarOf)
        .reduce((a, b) -> a + java.io.File.pathSeparator + b)
        .orElseThrow();
  }

  private static String jarOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
