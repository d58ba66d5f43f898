package dev.wharf.connect.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceConfigTest {
  @TempDir Path dir;

  @AfterEach
  void clearAllowedPaths() {
    System.clearProperty(AllowedPaths.PROPERTY);
  }

  private static List<String> errors(Map<String, String> config, String key) {
    for (ConfigValue value : new FileStreamSourceConnector().validate(config).configValues()) {
      if (value.name().equals(key)) {
        return value.errorMessages();
      }
    }
    throw new AssertionError("no value for " + key);
  }

  private Map<String, String> config(String key, String value) {
    Map<String, String> config = new HashMap<>();
    config.put("topic", "lines");
    config.put(key, value);
    return config;
  }

  @Test
  void apacheKeysAndDefaults() {
    FileSourceSettings settings = FileSourceConfig.parse(Map.of("topic", "t"));
    assertThat(settings.readsStdin()).isTrue();
    assertThat(settings.batchSize()).isEqualTo(2000);
    assertThat(settings.pollIntervalMs()).isEqualTo(100);
    assertThat(settings.maxLineBytes()).isEqualTo(1024 * 1024);
    assertThat(errors(config("file", dir.resolve("a.log").toString()), "file")).isEmpty();
  }

  @Test
  void aMissingDirectoryIsReportedOnFile() {
    assertThat(errors(config("file", dir.resolve("nope/a.log").toString()), "file"))
        .singleElement()
        .asString()
        .contains("nope")
        .contains("does not exist");
  }

  @Test
  void aDirectoryIsNotAFile() {
    assertThat(errors(config("file", dir.toString()), "file"))
        .singleElement()
        .asString()
        .isEqualTo("File " + dir + " is a directory");
  }

  @Test
  void unknownAndUnsupportedEncodingsAreReportedOnEncoding() {
    Map<String, String> config = config("file", dir.resolve("a.log").toString());
    config.put("encoding", "no-such-charset");
    assertThat(errors(config, "encoding")).containsExactly("Unknown encoding no-such-charset");
    config.put("encoding", "UTF-16");
    assertThat(errors(config, "encoding")).singleElement().asString().contains("not supported");
  }

  @Test
  void invalidGlobsAndMissingGlobDirectoriesAreReportedOnFiles() {
    assertThat(errors(config("files", dir + "/[a.log"), "files"))
        .singleElement()
        .asString()
        .startsWith("Invalid glob " + dir + "/[a.log");
    assertThat(errors(config("files", dir + "/missing/*.log"), "files"))
        .singleElement()
        .asString()
        .contains("missing")
        .contains("does not exist");
  }

  @Test
  void fileAndFilesAreExclusive() {
    Map<String, String> config = config("file", dir.resolve("a.log").toString());
    config.put("files", dir + "/*.log");
    assertThat(errors(config, "file"))
        .contains("file and files are mutually exclusive, but both are set");
  }

  @Test
  void pathsOutsideTheAllowedDirectoriesAreRefusedByName() throws IOException {
    Path allowed = Files.createDirectories(dir.resolve("allowed"));
    Path outside = Files.createDirectories(dir.resolve("outside"));
    System.setProperty(AllowedPaths.PROPERTY, allowed.toString());

    assertThat(errors(config("file", allowed.resolve("in.log").toString()), "file")).isEmpty();
    assertThat(errors(config("file", outside.resolve("secret.log").toString()), "file"))
        .singleElement()
        .asString()
        .startsWith("Path " + outside.resolve("secret.log") + " is outside the directories");
    assertThat(errors(config("files", outside + "/*.log"), "files")).hasSize(1);
  }

  @Test
  void symbolicLinksCannotLeaveTheAllowedDirectories() throws IOException {
    Path allowed = Files.createDirectories(dir.resolve("allowed"));
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.createSymbolicLink(allowed.resolve("link"), outside);
    System.setProperty(AllowedPaths.PROPERTY, allowed.toString());

    assertThat(errors(config("file", allowed.resolve("link/secret.log").toString()), "file"))
        .hasSize(1);
  }

  @Test
  void globsExpandToSortedMatchesAndPlainPathsStay() throws IOException {
    Files.writeString(dir.resolve("b.log"), "");
    Files.writeString(dir.resolve("a.log"), "");
    Files.writeString(dir.resolve("c.txt"), "");
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/d.log"), "");

    assertThat(FilePatterns.expand(List.of(dir + "/*.log", dir + "/later.txt")))
        .containsExactly(
            dir.resolve("a.log").toString(),
            dir.resolve("b.log").toString(),
            dir.resolve("later.txt").toString());
    assertThat(FilePatterns.expand(List.of(dir + "/**.log"))).hasSize(3);
  }
}
