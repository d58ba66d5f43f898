package dev.wharf.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the named benchmarks (all when none is named) and prints one Markdown table of Wharf against
 * each peer or limit. Usage: {@code java -jar wharf-bench.jar [--rounds N] [name...]}; the table is
 * also written to {@code bench-results.md} in the working directory.
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    // Before any logger exists: the runner's own Kafka clients stay quiet.
    System.setProperty("bench.log.level", "WARN");
    int rounds = 3;
    List<String> names = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--rounds") && i + 1 < args.length) {
        rounds = Integer.parseInt(args[++i]);
      } else {
        names.add(args[i]);
      }
    }
    Map<String, Benchmark> all = new LinkedHashMap<>();
    for (Benchmark benchmark :
        List.<Benchmark>of(
            new StartupBenchmark(rounds),
            new ConnectBenchmark(rounds),
            new ProxyBenchmark(rounds),
            new RegistryBenchmark(rounds),
            new ClusterBenchmark(rounds),
            new ObservabilityBenchmark(rounds),
            new JdbcBenchmark(rounds))) {
      all.put(benchmark.name(), benchmark);
    }
    if (names.isEmpty()) {
      names.addAll(all.keySet());
    }
    List<Result> results = new ArrayList<>();
    for (String name : names) {
      if (!all.containsKey(name)) {
        System.err.println("wharf-bench: unknown benchmark '" + name + "'; known: " + all.keySet());
        System.exit(2);
      }
    }
    Path workDir = Files.createTempDirectory("wharf-bench");
    try {
      for (String name : names) {
        System.err.println("running " + name + " (" + rounds + " rounds)...");
        results.addAll(all.get(name).run(workDir.resolve(name)));
      }
    } finally {
      keepOnlyLogs(workDir);
      System.err.println("logs of the processes run: " + workDir);
    }
    String table = Table.markdown(results);
    System.out.print(table);
    Files.writeString(Path.of("bench-results.md"), table, StandardCharsets.UTF_8);
  }

  /**
   * Deletes what the runs left under {@code dir} (inputs, outputs, databases, gigabytes of them)
   * except the processes' logs, which are what one reads after a surprising figure.
   */
  private static void keepOnlyLogs(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        boolean emptyDir = Files.isDirectory(path) && isEmpty(path);
        if (emptyDir || (Files.isRegularFile(path) && !isProcessLog(path))) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  /**
   * A {@code .log} file, but not one of Kafka's log segments ({@code 00000000000000000000.log}).
   */
  private static boolean isProcessLog(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".log") && !name.matches("\\d{20}\\.log");
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }
}
