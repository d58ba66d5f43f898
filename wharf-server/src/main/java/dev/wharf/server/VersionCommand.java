package dev.wharf.server;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code wharf version}: Wharf's version and the Kafka version it runs on. */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description = "Print Wharf's version and the Apache Kafka version it is built on.")
final class VersionCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    for (String line : new Provider().getVersion()) {
      spec.commandLine().getOut().println(line);
    }
  }

  /** Shared by {@code wharf version} and {@code wharf --version}. */
  static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"Wharf " + WharfVersion.wharf(), "Apache Kafka " + WharfVersion.kafka()};
    }
  }
}
