package dev.wharf.server;

import dev.wharf.connect.ConnectConfig;
import dev.wharf.connect.ConnectRuntime;
import dev.wharf.connect.herder.Herder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wharf connect}: a Connect worker alone, configured with Apache's {@code
 * connect-distributed.properties} (or, with {@code --standalone}, {@code connect-standalone}'s
 * worker file and connector files), key names unchanged.
 */
@Command(
    name = "connect",
    mixinStandardHelpOptions = true,
    description = {
      "Run a Kafka Connect worker alone, with Apache Kafka Connect's own worker properties file"
          + " (connect-distributed.properties keys: bootstrap.servers, group.id, listeners,"
          + " plugin.path, converters, storage topics...). Runs until interrupted.",
      "With --standalone, runs like connect-standalone: connectors from the files given after the"
          + " worker file (.properties, or .json as {\"name\":..,\"config\":{..}}), offsets in"
          + " offset.storage.file.filename."
    })
final class ConnectCommand implements Callable<Integer> {
  @Option(names = "--standalone", description = "Run as connect-standalone does.")
  boolean standalone;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "data",
      description = "Directory for the logs (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Parameters(
      index = "0",
      paramLabel = "WORKER_PROPERTIES",
      description = "The worker's properties file.")
  Path workerFile;

  @Parameters(
      index = "1..*",
      paramLabel = "CONNECTOR_FILE",
      description = "Connector configs to create (standalone mode).")
  List<Path> connectorFiles = new ArrayList<>();

  @ParentCommand Wharf parent;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    var config = ConnectConfig.parse("worker file " + workerFile, PropertiesFiles.read(workerFile));
    List<PropertiesFiles.ConnectorFile> connectors = new ArrayList<>();
    for (Path file : connectorFiles) {
      connectors.add(PropertiesFiles.connector(file));
    }
    if (!standalone && !connectors.isEmpty()) {
      throw new UsageException(
          "connector files are for --standalone; create connectors through the REST API instead");
    }
    return ServiceCommand.run(
        dataDir,
        parent.verbose,
        spec.commandLine().getOut(),
        out -> {
          ConnectRuntime runtime =
              standalone ? ConnectRuntime.standalone(config) : ConnectRuntime.distributed(config);
          try {
            Herder herder = runtime.herder();
            for (PropertiesFiles.ConnectorFile connector : connectors) {
              herder.putConnectorConfig(connector.name(), connector.config());
            }
          } catch (RuntimeException e) {
            runtime.close();
            throw e;
          }
          WharfServer.line(out, "Connect", runtime.url().toString());
          return runtime::close;
        });
  }
}
