package dev.wharf.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input a user can fix: exit code 2, one line on stderr naming the culprit, nothing started. */
class WharfBadInputTest {
  @TempDir Path dir;

  @Test
  void unknownSubcommand() {
    Result result = run("bogus");

    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).startsWith("wharf: unknown command 'bogus'\n");
  }

  @Test
  void unreadableConfigFile() {
    Path missing = dir.resolve("missing.properties");

    assertUsageError(
        run("start", "--config", missing.toString()),
        "wharf: cannot read config file " + missing + ": no such file");
    assertUsageError(
        run("start", "--config", dir.toString()),
        "wharf: cannot read config file " + dir + ": it is a directory");
  }

  @Test
  void valueOfTheWrongType() throws Exception {
    Path config = config("broker.port=abc");

    assertUsageError(
        run("start", "--config", config.toString()),
        "wharf: invalid value 'abc' for broker.port (from config file "
            + config
            + "): must be an integer");
  }

  @Test
  void invalidPort() throws Exception {
    Path config = config("broker.controller.port=70000");

    assertUsageError(
        run("start", "--config", config.toString()),
        "wharf: invalid value '70000' for broker.controller.port (from config file "
            + config
            + "): must be between 0 and 65535 inclusive");
  }

  @Test
  void unknownKey() throws Exception {
    Path config = config("data.dri=/tmp/x");

    assertUsageError(
        run("start", "--config", config.toString()),
        "wharf: unknown configuration key 'data.dri' (from config file " + config + ")");
  }

  @Test
  void portAlreadyInUseStartsNothing() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      Path data = dir.resolve("data");

      Result result =
          run(
              "start",
              "--config",
              config("broker.port=" + port, "broker.controller.port=0").toString(),
              "--data-dir",
              data.toString());

      assertUsageError(
          result,
          "wharf: port " + port + " (broker.port) on 127.0.0.1 is already in use or not bindable");
      assertThat(data.resolve("kafka")).doesNotExist();
    }
  }

  @Test
  void connectPortAlreadyInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      Result result =
          run(
              "start",
              "--config",
              config(
                      "broker.port=0",
                      "broker.controller.port=0",
                      "connect.listeners=http://127.0.0.1:" + port)
                  .toString(),
              "--data-dir",
              dir.resolve("data").toString());

      assertUsageError(
          result,
          "wharf: port "
              + port
              + " (connect.listeners) on 127.0.0.1 is already in use or not bindable");
    }
  }

  @Test
  void consolePortAlreadyInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      Result result =
          run(
              "start",
              "--config",
              config(
                      "broker.port=0",
                      "broker.controller.port=0",
                      "connect.listeners=http://127.0.0.1:0",
                      "proxy.listeners=http://127.0.0.1:0",
                      "registry.listeners=http://127.0.0.1:0",
                      "console.listeners=http://127.0.0.1:" + port)
                  .toString(),
              "--data-dir",
              dir.resolve("data").toString());

      assertUsageError(
          result,
          "wharf: port "
              + port
              + " (console.listeners) on 127.0.0.1 is already in use or not bindable");
    }
  }

  @Test
  void unwritableDataDir() throws Exception {
    Path file = Files.writeString(dir.resolve("plain-file"), "not a directory");
    Path data = file.resolve("data");

    Result result =
        run("start", "--config", config("broker.port=0").toString(), "--data-dir", data.toString());

    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).startsWith("wharf: data.dir: directory " + data + " is not writable");
    assertThat(result.err.lines()).hasSize(1);
  }

  @Test
  void verboseAddsTheStackTrace() throws Exception {
    Result result = run("--verbose", "start", "--config", config("broker.port=abc").toString());

    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("\tat ");
  }

  private Path config(String... lines) throws Exception {
    return Files.writeString(
        Files.createTempFile(dir, "wharf", ".properties"), String.join("\n", lines) + "\n");
  }

  private static void assertUsageError(Result result, String line) {
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).isEqualTo(line + "\n");
    assertThat(result.out).isEmpty();
  }

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Wharf.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  private record Result(int exitCode, String out, String err) {}
}
