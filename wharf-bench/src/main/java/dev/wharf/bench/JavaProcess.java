package dev.wharf.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child JVM, either a peer on this benchmark's own class path or Wharf from its distribution,
 * with its output in a file and its memory read from {@code /proc}.
 */
final class JavaProcess implements AutoCloseable {
  // "garbage-first heap   total 262144K, used 45678K [...": the first "used" is the whole heap's.
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
  private final Process process;
  private final long startedNanos;

  private JavaProcess(Process process, long startedNanos) {
    this.process = process;
    this.startedNanos = startedNanos;
  }

  /** A peer: a main class of this benchmark's class path. */
  static JavaProcess start(Path output, List<String> jvmOptions, String mainClass, String... args) {
    return start(output, System.getProperty("java.class.path"), jvmOptions, mainClass, args);
  }

  /**
   * Wharf, as the {@code ./wharf} launcher runs it: the distribution's lib directory, with the JVM
   * options of {@code WHARF_JAVA_OPTS} (a profiler's, say) when that is set.
   */
  static JavaProcess wharf(Path output, String... args) {
    String options = System.getenv().getOrDefault("WHARF_JAVA_OPTS", "").trim();
    List<String> jvmOptions = options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    return start(output, WharfDistribution.classPath(), jvmOptions, "dev.wharf.server.Wharf", args);
  }

  /**
   * Wharf running one of its commands ({@code connect}, {@code rest-proxy}...) with {@code
   * properties}: its data under {@code <workDir>/<name>}, its output in {@code
   * <workDir>/<name>.log}.
   */
  static JavaProcess wharfService(Path workDir, String name, String command, Path properties) {
    return wharf(
        workDir.resolve(name + ".log"),
        command,
        "--data-dir",
        workDir.resolve(name).toString(),
        properties.toString());
  }

  static JavaProcess start(
      Path output, String classPath, List<String> jvmOptions, String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(List.of(args));
    try {
      long started = System.nanoTime();
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      return new JavaProcess(process, started);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs to completion and fails unless the exit code is 0. */
  static void run(Path output, String mainClass, String... args) throws InterruptedException {
    try (JavaProcess process = start(output, List.of(), mainClass, args)) {
      if (!process.process.waitFor(120, TimeUnit.SECONDS) || process.process.exitValue() != 0) {
        throw new IllegalStateException(mainClass + " failed; see " + output);
      }
    }
  }

  long startedNanos() {
    return startedNanos;
  }

  /** Resident set size now, in MiB. */
  double rssMib() {
    return statusField("VmRSS:");
  }

  /** Peak resident set size so far, in MiB. */
  double peakRssMib() {
    return statusField("VmHWM:");
  }

  /**
   * CPU seconds used so far by each group of the process's threads, grouped by name without digits
   * (the kernel keeps 15 characters of a thread's name): where a process spends its CPU, JIT and GC
   * included.
   */
  java.util.Map<String, Double> threadCpuSeconds() {
    java.util.Map<String, Double> byName = new java.util.TreeMap<>();
    try (java.util.stream.Stream<Path> tasks =
        Files.list(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException gone) {
          continue; // the thread ended meanwhile
        }
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        byName.merge(name.replaceAll("[0-9]+", "#"), seconds, Double::sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the threads of process " + process.pid(), e);
    }
    return byName;
  }

  /** CPU time the process has used so far (user and system), in seconds. */
  double cpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
      // Fields after the command name, which is in parentheses and may hold spaces.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // utime and stime are fields 14 and 15 of the line, in clock ticks (100 per second).
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CPU time of process " + process.pid(), e);
    }
  }

  /**
   * The heap the process still uses after a full collection, in MiB: what it really holds, unlike
   * RSS, which follows how far the heap once grew. Asks the JVM through {@code jcmd}.
   */
  double liveHeapMib() throws InterruptedException {
    jcmd("GC.run");
    Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
    if (!used.find()) {
      throw new IllegalStateException(
          "jcmd GC.heap_info of process " + process.pid() + " names no heap use");
    }
    return Long.parseLong(used.group(1)) / 1024.0;
  }

  private String jcmd(String command) throws InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process run =
          new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), command)
              .redirectErrorStream(true)
              .start();
      String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!run.waitFor(60, TimeUnit.SECONDS) || run.exitValue() != 0) {
        throw new IllegalStateException("jcmd " + command + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run jcmd " + command, e);
    }
  }

  private double statusField(String field) {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read memory of process " + process.pid(), e);
    }
    throw new IllegalStateException(field + " not found for process " + process.pid());
  }

  /** Sends SIGKILL, as a crash would, and waits for the process to end. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** Sends SIGTERM and waits for the process to end. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
