package dev.wharf.connect.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWatchTest {
  @TempDir Path dir;
  private final AtomicInteger changes = new AtomicInteger();
  private final List<Exception> errors = new ArrayList<>();

  private FileWatch watch() {
    FileSourceSettings settings =
        FileSourceConfig.parse(Map.of("files", dir + "/*.log", "topic", "t"));
    return new FileWatch(settings, changes::incrementAndGet, errors::add);
  }

  @Test
  void newMatchesAskForNewTaskConfigs() throws IOException {
    Files.writeString(dir.resolve("a.log"), "");
    try (FileWatch watch = watch()) {
      watch.scan();
      assertThat(changes).hasValue(0);
      Files.writeString(dir.resolve("b.log"), "");
      watch.scan();
      assertThat(changes).hasValue(1);
      assertThat(watch.files())
          .containsExactly(dir.resolve("a.log").toString(), dir.resolve("b.log").toString());
    }
  }

  @Test
  void aFileBeingRotatedIsKeptForOneScan() throws IOException {
    Path log = Files.writeString(dir.resolve("app.log"), "");
    try (FileWatch watch = watch()) {
      Files.move(log, dir.resolve("app.log.1"));
      watch.scan();
      assertThat(changes).hasValue(0);
      Files.writeString(log, "");
      watch.scan();
      assertThat(changes).hasValue(0);
      assertThat(watch.files()).containsExactly(log.toString());

      Files.delete(log);
      watch.scan();
      watch.scan();
      assertThat(changes).hasValue(1);
      assertThat(watch.files()).isEmpty();
    }
  }

  @Test
  void aVanishedGlobDirectoryIsReportedAsAnError() throws IOException {
    Path sub = Files.createDirectories(dir.resolve("sub"));
    FileSourceSettings settings =
        FileSourceConfig.parse(Map.of("files", sub + "/*.log", "topic", "t"));
    try (FileWatch watch = new FileWatch(settings, changes::incrementAndGet, errors::add)) {
      Files.delete(sub);
      watch.scan();
      assertThat(errors).singleElement().asString().contains(sub.toString());
    }
  }
}
