package dev.wharf.server;

import dev.wharf.core.config.Config;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
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
    Path logs = Preflight.writableDirectory(data.resolve("logs"), "data.dir");
    WharfServer.checkPorts(config);
    LogSetup.configure(logs, parent.verbose);
    ShutdownSignal signal = ShutdownSignal.install();
    out.printf("Wharf %s starting, data in %s%n", WharfVersion.wharf(), data);
    out.flush();
    try (WharfServer server = WharfServer.start(config, data, out)) {
      double seconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
      out.printf(
          Locale.ROOT,
          "Wharf is ready in %.1f s (logs in %s). Press Ctrl+C to stop.%n",
          seconds,
          logs);
      out.flush();
      signal.await();
      out.println("Stopping...");
      out.flush();
    }
    out.println("Stopped.");
    out.flush();
    return Wharf.EXIT_OK;
  }

  private static Path installedDefaults() {
    String home = System.getProperty("wharf.home");
    return home == null ? null : Path.of(home, "config", "wharf.properties");
  }
}
