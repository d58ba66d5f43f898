package dev.wharf.kafka.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/** Formats a KRaft log directory on first start, the way {@code kafka-storage.sh format} does. */
final class StorageFormat {
  private static final String META_PROPERTIES = "meta.properties";

  private StorageFormat() {}

  /** Returns the cluster id of {@code logDir}, formatting it with a new one when it has none. */
  static String ensureFormatted(
      KafkaConfig config, Path logDir, int nodeId, String controllerListener) {
    Path meta = logDir.resolve(META_PROPERTIES);
    if (Files.exists(meta)) {
      return readClusterId(meta);
    }
    String clusterId = Uuid.randomUuid().toString();
    Formatter formatter =
        new Formatter()
            .setPrintStream(
                new PrintStream(PrintStream.nullOutputStream(), false, StandardCharsets.UTF_8))
            .setClusterId(clusterId)
            .setNodeId(nodeId)
            .setControllerListenerName(controllerListener)
            .setMetadataLogDirectory(config.metadataLogDir())
            .setDirectories(List.of(logDir.toString()))
            .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
            .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION);
    try {
      formatter.run();
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
    }
    return clusterId;
  }

  private static String readClusterId(Path meta) {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(meta)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + meta, e);
    }
    String clusterId = properties.getProperty("cluster.id");
    if (clusterId == null) {
      throw new IllegalStateException(meta + " has no cluster.id");
    }
    return clusterId;
  }
}
