package dev.wharf.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    Path workDir = Files.createTempDirectory("wharf-bench");
    for (String name : names) {
      Benchmark benchmark = all.get(name);
      if (benchmark == null) {
        System.err.println("wharf-bench: unknown benchmark '" + name + "'; known: " + all.keySet());
        System.exit(2);
      }
      System.err.println("running " + name + " (" + rounds + " rounds)...");
      results.addAll(benchmark.run(workDir.resolve(name)));
    }
    String table = Table.markdown(results);
    System.out.print(table);
    Files.writeString(Path.of("bench-results.md"), table, StandardCharsets.UTF_8);
  }
}
