package dev.wharf.connect.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTailerTest {
  @TempDir Path dir;
  private Path file;
  private final List<FileTailer> open = new ArrayList<>();
  private SourcePosition last;

  @AfterEach
  void close() throws IOException {
    for (FileTailer tailer : open) {
      tailer.close();
    }
  }

  private FileTailer tailer(SourcePosition stored) {
    file = dir.resolve("app.log");
    FileSourceSettings settings =
        FileSourceConfig.parse(Map.of("file", file.toString(), "topic", "t"));
    FileTailer tailer = new FileTailer(file.toString(), settings, stored, 0);
    open.add(tailer);
    return tailer;
  }

  private void append(String text) throws IOException {
    Files.writeString(
        file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** Every line available now; a rotated file needs a few calls to be finished and left. */
  private List<String> read(FileTailer tailer) throws IOException {
    List<String> lines = new ArrayList<>();
    int idle = 0;
    while (idle < 3) {
      Line line = tailer.next();
      if (line == null) {
        idle++;
      } else {
        idle = 0;
        lines.add(line.text());
        last = tailer.positionAfter(line);
      }
    }
    return lines;
  }

  @Test
  void waitsForAMissingFileThenFollowsItAsItGrows() throws IOException {
    FileTailer tailer = tailer(null);
    assertThat(read(tailer)).isEmpty();
    append("one\ntwo\n");
    assertThat(read(tailer)).containsExactly("one", "two");
    append("three\n");
    assertThat(read(tailer)).containsExactly("three");
    assertThat(last.position()).isEqualTo(14);
    assertThat(last.line()).isEqualTo(4);
  }

  @Test
  void resumesAtTheStoredPositionWithLineNumbers() throws IOException {
    FileTailer first = tailer(null);
    append("one\ntwo\n");
    read(first);
    SourcePosition stored = last;
    append("three\n");

    FileTailer second = tailer(stored);
    Line line = second.next();
    assertThat(line.text()).isEqualTo("three");
    assertThat(line.number()).isEqualTo(3);
  }

  @Test
  void resumesAnApacheOffsetByPositionAloneAndCountsLines() throws IOException {
    tailer(null);
    append("one\ntwo\nthree\n");
    FileTailer tailer = tailer(SourcePosition.fromOffset(Map.of("position", 8L)));
    Line line = tailer.next();
    assertThat(line.text()).isEqualTo("three");
    assertThat(line.number()).isEqualTo(3);
  }

  @Test
  void renameRotationFinishesTheOldFileThenReadsTheNewOne() throws IOException {
    FileTailer tailer = tailer(null);
    append("a1\na2\n");
    assertThat(read(tailer)).containsExactly("a1", "a2");
    append("a3\nunterminated");
    Files.move(file, dir.resolve("app.log.1"));
    append("b1\nb2\n");

    assertThat(read(tailer)).containsExactly("a3", "unterminated", "b1", "b2");
    append("b3\n");
    assertThat(read(tailer)).containsExactly("b3");
    assertThat(last.position()).isEqualTo(9);
  }

  @Test
  void copyTruncateIsDetectedAndTheFileReadAgainFromTheStart() throws IOException {
    FileTailer tailer = tailer(null);
    append("first line of the old content\nsecond\n");
    assertThat(read(tailer)).hasSize(2);
    Files.writeString(file, "", StandardOpenOption.TRUNCATE_EXISTING);
    append("new\n");
    assertThat(read(tailer)).containsExactly("new");
  }

  @Test
  void truncatedAndRegrownPastThePositionIsDetectedByItsFirstBytes() throws IOException {
    FileTailer tailer = tailer(null);
    append("old 1\nold 2\n");
    assertThat(read(tailer)).hasSize(2);
    Files.writeString(file, "", StandardOpenOption.TRUNCATE_EXISTING);
    append("brand new content that is longer than before\n");
    assertThat(read(tailer)).containsExactly("brand new content that is longer than before");
  }

  @Test
  void aStoredPositionPastTheEndMeansTruncatedWhileStopped() throws IOException {
    tailer(null);
    append("short\n");
    FileTailer tailer = tailer(new SourcePosition(1000, 50, 1024, 42));
    assertThat(read(tailer)).containsExactly("short");
  }

  @Test
  void aDifferentFileAtThePathOnRestartIsReadFromTheStart() throws IOException {
    FileTailer first = tailer(null);
    append("generation 1\n");
    read(first);
    SourcePosition stored = last;
    Files.move(file, dir.resolve("app.log.1"));
    append("generation 2, already longer\n");

    assertThat(read(tailer(stored))).containsExactly("generation 2, already longer");
  }

  @Test
  void aMissingDirectoryFailsNamingTheFile() {
    FileSourceSettings settings =
        FileSourceConfig.parse(Map.of("file", dir.resolve("x.log").toString(), "topic", "t"));
    FileTailer tailer = new FileTailer(dir.resolve("gone/x.log").toString(), settings, null, 0);
    open.add(tailer);
    assertThatThrownBy(tailer::next)
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("gone")
        .hasMessageContaining("does not exist");
  }
}
