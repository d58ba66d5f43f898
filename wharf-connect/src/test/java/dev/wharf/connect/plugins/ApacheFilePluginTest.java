package dev.wharf.connect.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Apache's own connect-file 4.3.1 JAR, installed on plugin.path as a user would install it. */
class ApacheFilePluginTest {
  private static final String SOURCE = "org.apache.kafka.connect.file.FileStreamSourceConnector";
  private static final String SINK = "org.apache.kafka.connect.file.FileStreamSinkConnector";

  @TempDir static Path pluginPath;
  private static Plugins plugins;

  @BeforeAll
  static void installConnectFile() throws IOException {
    Path jar = Path.of(System.getProperty("wharf.test.connectFileJar"));
    Path pluginDir = Files.createDirectories(pluginPath.resolve("connect-file"));
    Files.copy(jar, pluginDir.resolve("connect-file-4.3.1.jar"));
    plugins = Plugins.load(List.of(pluginPath));
  }

  @AfterAll
  static void close() {
    plugins.close();
  }

  @Test
  void connectFileIsNotOnTheTestClassPath() {
    assertThatThrownBy(() -> Class.forName(SOURCE)).isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void aliasesAndClassNameResolveToTheSameIsolatedClass() {
    Class<?> byClassName = plugins.resolve(SOURCE, Connector.class).pluginClass();

    assertThat(plugins.resolve("FileStreamSourceConnector", Connector.class).pluginClass())
        .isSameAs(byClassName);
    assertThat(plugins.resolve("FileStreamSource", Connector.class).pluginClass())
        .isSameAs(byClassName);
    assertThat(byClassName.getName()).isEqualTo(SOURCE);
    assertThat(byClassName.getClassLoader())
        .isInstanceOf(PluginClassLoader.class)
        .isNotSameAs(ApacheFilePluginTest.class.getClassLoader());
    assertThat(((PluginClassLoader) byClassName.getClassLoader()).location())
        .isEqualTo(pluginPath.resolve("connect-file"));
  }

  @Test
  void connectorsAreListedWithTypeVersionAndLocation() {
    assertThat(plugins.connectorPlugins(true))
        .filteredOn(d -> d.className().startsWith("org.apache.kafka.connect.file."))
        .extracting(
            PluginDescriptor::className,
            PluginDescriptor::typeName,
            PluginDescriptor::version,
            PluginDescriptor::isolated)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(SINK, "sink", "4.3.1", true),
            org.assertj.core.groups.Tuple.tuple(SOURCE, "source", "4.3.1", true));
  }

  @Test
  @SuppressWarnings("try") // the scope only sets the context class loader
  void sourceConnectorAndTaskRunWithTheirOwnLoaderAndReadTheFile(@TempDir Path data)
      throws Exception {
    Path input = Files.writeString(data.resolve("input.txt"), "first line\nsecond line\n");
    Connector connector = plugins.newConnector("FileStreamSource");
    assertThat(connector).isInstanceOf(SourceConnector.class);
    assertThat(plugins.configDef("FileStreamSource").names()).contains("file", "topic");

    List<Map<String, String>> taskConfigs;
    try (LoaderScope scope = LoaderScope.enterFor(connector)) {
      assertThat(Thread.currentThread().getContextClassLoader())
          .isSameAs(connector.getClass().getClassLoader());
      connector.start(Map.of("file", input.toString(), "topic", "lines"));
      taskConfigs = connector.taskConfigs(3);
      connector.stop();
    }
    assertThat(taskConfigs).hasSize(1);
    assertThat(taskConfigs.get(0)).containsEntry("file", input.toString());

    Task task = plugins.newTask(connector.taskClass());
    assertThat(task).isInstanceOf(SourceTask.class);
    assertThat(task.getClass().getClassLoader()).isSameAs(connector.getClass().getClassLoader());

    SourceTask sourceTask = (SourceTask) task;
    List<SourceRecord> records = new ArrayList<>();
    try (LoaderScope scope = LoaderScope.enterFor(sourceTask)) {
      sourceTask.initialize(new NoOffsetsContext(taskConfigs.get(0)));
      sourceTask.start(taskConfigs.get(0));
      for (int polls = 0; polls < 50 && records.size() < 2; polls++) {
        List<SourceRecord> polled = sourceTask.poll();
        if (polled != null) {
          records.addAll(polled);
        }
      }
      sourceTask.stop();
    }
    assertThat(records)
        .extracting(SourceRecord::value)
        .containsExactly("first line", "second line");
    assertThat(records).extracting(SourceRecord::topic).containsOnly("lines");
  }

  /** The context of a source task that has never committed offsets. */
  private record NoOffsetsContext(Map<String, String> configs) implements SourceTaskContext {
    @Override
    public OffsetStorageReader offsetStorageReader() {
      return new OffsetStorageReader() {
        @Override
        public <T> Map<String, Object> offset(Map<String, T> partition) {
          return null;
        }

        @Override
        public <T> Map<Map<String, T>, Map<String, Object>> offsets(
            Collection<Map<String, T>> partitions) {
          return Map.of();
        }
      };
    }

    @Override
    public PluginMetrics pluginMetrics() {
      return null;
    }
  }

  @Test
  @SuppressWarnings("try") // the scope only sets the context class loader
  void configDefClassSettingsAcceptAliasesAndPluginPathClassesUnderTheLookupLoader() {
    ConfigDef configDef =
        new ConfigDef()
            .define("connector.class", ConfigDef.Type.CLASS, ConfigDef.Importance.HIGH, "doc")
            .define("value.converter", ConfigDef.Type.CLASS, ConfigDef.Importance.HIGH, "doc");
    Map<String, String> config =
        Map.of("connector.class", "FileStreamSource", "value.converter", "JsonConverter");

    Map<String, Object> parsed;
    try (LoaderScope scope = LoaderScope.enter(plugins.lookupLoader())) {
      parsed = configDef.parse(config);
    }
    assertThat(parsed.get("connector.class"))
        .isSameAs(plugins.resolve(SOURCE, Connector.class).pluginClass());
    assertThat(parsed.get("value.converter")).isSameAs(JsonConverter.class);
    assertThatThrownBy(() -> configDef.parse(config))
        .as("without the lookup loader, plugin.path classes and aliases are unknown")
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void sinkConnectorResolvesByAliasAsASink() {
    assertThat(plugins.newConnector("FileStreamSink")).isInstanceOf(SinkConnector.class);
  }
}
