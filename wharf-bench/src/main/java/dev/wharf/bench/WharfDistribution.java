package dev.wharf.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the built Wharf distribution is: {@code -Dwharf.dist=DIR}, else {@code
 * wharf-server/target/wharf} below the working directory (the repository root).
 */
final class WharfDistribution {
  private WharfDistribution() {}

  static Path home() {
    Path home = Path.of(System.getProperty("wharf.dist", "wharf-server/target/wharf"));
    if (!Files.isDirectory(home.resolve("lib"))) {
      throw new IllegalStateException(
          "no Wharf distribution at "
              + home.toAbsolutePath()
              + "; build it first (mvn -pl wharf-server -am package -DskipTests) or pass"
              + " -Dwharf.dist=DIR");
    }
    return home.toAbsolutePath();
  }

  static String classPath() {
    return home().resolve("lib") + "/*";
  }
}
