package dev.wharf.server;

import dev.wharf.core.config.ConfigException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/**
 * The {@code wharf} command line. Exit codes: 0 on success and after an orderly stop, 1 when
 * something fails at run time, 2 for input the user can fix (an unknown subcommand, a bad config
 * value, a busy port, an unusable directory), reported in one line on stderr.
 */
@Command(
    name = "wharf",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Kafka Connect, a Kafka REST Proxy and a Schema Registry in one program.",
    subcommands = {
      StartCommand.class,
      ConnectCommand.class,
      RestProxyCommand.class,
      SchemaRegistryCommand.class,
      VersionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Wharf implements Runnable {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Copy the log to stderr and print stack traces of errors.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(execute(args, out, err));
  }

  /** Runs one command line and answers its exit code; everything printed goes to out or err. */
  static int execute(String[] args, PrintWriter out, PrintWriter err) {
    Wharf root = new Wharf();
    CommandLine commandLine = new CommandLine(root);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(
        (ParameterException e, String[] ignored) -> {
          err.println("wharf: " + describe(e));
          err.println("Try 'wharf --help' for the commands and options.");
          return EXIT_USAGE;
        });
    commandLine.setExecutionExceptionHandler(
        (Exception e, CommandLine failed, CommandLine.ParseResult parseResult) -> {
          boolean usage = e instanceof UsageException || e instanceof ConfigException;
          err.println("wharf: " + (usage ? "" : "failed: ") + describe(e));
          if (root.verbose) {
            e.printStackTrace(err);
          }
          return usage ? EXIT_USAGE : EXIT_FAILED;
        });
    return commandLine.execute(args);
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command");
  }

  private static String describe(ParameterException e) {
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched
        && !unmatched.getUnmatched().isEmpty()
        && !unmatched.getUnmatched().get(0).startsWith("-")) {
      return "unknown command '" + unmatched.getUnmatched().get(0) + "'";
    }
    return e.getMessage();
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return message.lines().findFirst().orElse(message);
  }
}
