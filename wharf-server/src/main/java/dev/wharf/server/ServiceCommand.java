package dev.wharf.server;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What every long-running command shares: logs under {@code <data-dir>/logs}, an orderly stop on
 * SIGINT/SIGTERM, and the ready line.
 */
final class ServiceCommand {
  private ServiceCommand() {}

  /** Something started that runs until the process is told to stop. */
  interface Running extends AutoCloseable {
    @Override
    void close();
  }

  interface Starter {
    Running start(PrintWriter out);
  }

  static int run(Path dataDir, boolean verbose, PrintWriter out, Starter starter)
      throws InterruptedException {
    Path data = Preflight.writableDirectory(dataDir, "--data-dir");
    Path logs = Preflight.writableDirectory(data.resolve("logs"), "--data-dir");
    LogSetup.configure(logs, verbose);
    ShutdownSignal signal = ShutdownSignal.install();
    try (Running running = starter.start(out)) {
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
}
