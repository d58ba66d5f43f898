package dev.wharf.server;

import dev.wharf.core.config.ConfigSource;
import dev.wharf.proxy.RestProxy;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code wharf rest-proxy}: the REST Proxy alone, with Confluent's kafka-rest.properties. */
@Command(
    name = "rest-proxy",
    mixinStandardHelpOptions = true,
    description =
        "Run the Kafka REST Proxy alone, with Confluent REST Proxy's own properties file"
            + " (listeners, bootstrap.servers, consumer.*, producer.* ...). Runs until interrupted.")
final class RestProxyCommand implements Callable<Integer> {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "data",
      description = "Directory for the logs (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Parameters(index = "0", paramLabel = "PROPERTIES", description = "The proxy's properties file.")
  Path file;

  @ParentCommand Wharf parent;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    var config = RestProxy.definition().parse(List.of(ConfigSource.file(file)));
    RestProxy proxy = new RestProxy(config);
    return ServiceCommand.run(
        dataDir,
        parent.verbose,
        spec.commandLine().getOut(),
        out -> {
          proxy.start();
          WharfServer.line(out, "REST Proxy", proxy.url().toString());
          return proxy::close;
        });
  }
}
