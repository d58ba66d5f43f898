package dev.wharf.server;

import dev.wharf.core.config.ConfigSource;
import dev.wharf.registry.SchemaRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code wharf schema-registry}: the Schema Registry alone, with its own properties file. */
@Command(
    name = "schema-registry",
    mixinStandardHelpOptions = true,
    description =
        "Run the Schema Registry alone, with Confluent Schema Registry's own properties file"
            + " (listeners, kafkastore.bootstrap.servers, kafkastore.topic,"
            + " schema.compatibility.level ...). Runs until interrupted.")
final class SchemaRegistryCommand implements Callable<Integer> {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "data",
      description = "Directory for the logs (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Parameters(
      index = "0",
      paramLabel = "PROPERTIES",
      description = "The registry's properties file.")
  Path file;

  @ParentCommand Wharf parent;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    var config = SchemaRegistry.definition().parse(List.of(ConfigSource.file(file)));
    SchemaRegistry registry = new SchemaRegistry(config);
    return ServiceCommand.run(
        dataDir,
        parent.verbose,
        spec.commandLine().getOut(),
        out -> {
          registry.start();
          WharfServer.line(out, "Schema Registry", registry.url().toString());
          return registry::close;
        });
  }
}
