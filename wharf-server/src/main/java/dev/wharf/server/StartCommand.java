package dev.wharf.server;

import dev.wharf.core.config.Config;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wharf start}: starts the embedded Kafka broker (unless {@code bootstrap.servers} names a
 * cluster) and every service on it, prints a line per service and a final ready line, then runs
 * until SIGINT or SIGTERM and stops everything.
 */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Start Wharf: the embedded Kafka broker, unless bootstrap.servers names an existing cluster,"
          + " and every service on it. Runs until interrupted (Ctrl+C or SIGTERM), then stops"
          + " cleanly.",
      "Configuration comes from defaults, then the config file, then WHARF_<KEY> environment"
          + " variables (data.dir is WHARF_DATA_DIR), then the options below."
    })
final class StartCommand implements Callable<Integer> {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Properties file to read (default: config/wharf.properties of the installation, if"
              + " present).")
  Path configFile;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Directory for the broker's data and the logs (overrides data.dir).")
  Path dataDir;

  @ParentCommand Wharf parent;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Config config = ServerConfig.load(configFile, installedDefaults(), System.getenv(), dataDir);
    Path data = Preflight.writableDirectory(config.get(ServerConfig.DATA_DIR), "data.dir");
    WharfServer.checkPorts(config);
    return ServiceCommand.run(
        data,
        parent.verbose,
        out,
        printer -> {
          printer.printf("Wharf %s starting, data in %s%n", WharfVersion.wharf(), data);
          printer.flush();
          return WharfServer.start(config, data, home(), printer);
        });
  }

  private static Path installedDefaults() {
    Path home = home();
    return home == null ? null : home.resolve("config").resolve("wharf.properties");
  }

  /** The installation directory the launcher names, holding config/ and plugins/. */
  static Path home() {
    String home = System.getProperty("wharf.home");
    return home == null ? null : Path.of(home);
  }
}
