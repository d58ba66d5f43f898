package dev.wharf.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.connect.file.FileStreamSourceConnector;

/** Properties files for Apache's servers, written the way their quick starts suggest. */
final class PeerConfigs {
  private PeerConfigs() {}

  /**
   * A plugin path holding Apache's FileStream connectors ({@code connect-file}, from this
   * benchmark's class path) in {@code <dir>/plugins}; returns that directory.
   */
  static Path fileConnectorPlugins(Path dir) throws IOException, URISyntaxException {
    Path plugins = dir.resolve("plugins");
    Path jar =
        Path.of(
            FileStreamSourceConnector.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    Files.createDirectories(plugins.resolve("connect-file"));
    Files.copy(jar, plugins.resolve("connect-file").resolve(jar.getFileName()));
    return plugins;
  }

  /** A single-node KRaft broker (server.properties) with its data under {@code dir/data}. */
  static Path broker(Path dir, int port, int controllerPort) throws IOException {
    return Files.writeString(
        dir.resolve("server.properties"),
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
            "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "log.dirs=" + dir.resolve("data"),
            "offsets.topic.replication.factor=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            ""));
  }

  /**
   * A connect-distributed.properties that both runtimes read unchanged: String converters, storage
   * topics named after {@code id}, replication factor 1, offsets flushed every 10 s.
   */
  static Path worker(Path dir, String bootstrap, int restPort, String id, String pluginPath)
      throws IOException {
    return Files.writeString(
        dir.resolve("connect-" + id + ".properties"),
        String.join(
            "\n",
            "bootstrap.servers=" + bootstrap,
            "group.id=connect-" + id,
            "listeners=http://127.0.0.1:" + restPort,
            "key.converter=org.apache.kafka.connect.storage.StringConverter",
            "value.converter=org.apache.kafka.connect.storage.StringConverter",
            "config.storage.topic=" + id + "-configs",
            "offset.storage.topic=" + id + "-offsets",
            "status.storage.topic=" + id + "-status",
            "config.storage.replication.factor=1",
            "offset.storage.replication.factor=1",
            "status.storage.replication.factor=1",
            "offset.storage.partitions=1",
            "status.storage.partitions=1",
            "offset.flush.interval.ms=10000",
            "plugin.path=" + pluginPath,
            ""));
  }
}
