package dev.wharf.bench;

import java.nio.file.Path;
import java.util.List;

/** A named end-to-end benchmark that measures Wharf and a peer or limit in the same run. */
interface Benchmark {
  String name();

  /** Runs the benchmark with scratch space under {@code workDir} and returns its table rows. */
  List<Result> run(Path workDir) throws Exception;
}
