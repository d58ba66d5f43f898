package dev.wharf.connect.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedFileTest {
  @TempDir Path dir;

  private static ByteBuffer lines(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void tasksWritingOnePathShareOneFile() throws IOException {
    Path out = dir.resolve("out.txt");
    SharedFile first = SharedFile.acquire(out);
    SharedFile second = SharedFile.acquire(dir.resolve("./out.txt"));
    assertThat(second).isSameAs(first);
    first.append(lines("a\n"), 0);
    second.append(lines("b\n"), 0);
    first.release();
    second.append(lines("c\n"), 0);
    second.release();
    assertThat(Files.readAllLines(out)).containsExactly("a", "b", "c");
  }

  @Test
  void anExternallyRotatedFileIsReopened() throws IOException {
    Path out = dir.resolve("out.txt");
    SharedFile file = SharedFile.acquire(out);
    try {
      file.append(lines("before\n"), 0);
      Files.move(out, dir.resolve("out.txt.old"));
      file.append(lines("after\n"), 0);
    } finally {
      file.release();
    }
    assertThat(Files.readAllLines(out)).containsExactly("after");
    assertThat(Files.readAllLines(dir.resolve("out.txt.old"))).containsExactly("before");
  }

  @Test
  void sizeRotationRenamesToTheNextFreeNumber() throws IOException {
    Path out = dir.resolve("out.txt");
    Files.writeString(dir.resolve("out.txt.3"), "older\n");
    SharedFile file = SharedFile.acquire(out);
    try {
      file.append(lines("12345\n"), 10);
      file.append(lines("67890\n"), 10);
    } finally {
      file.release();
    }
    assertThat(Files.readAllLines(dir.resolve("out.txt.4"))).containsExactly("12345");
    assertThat(Files.readAllLines(out)).containsExactly("67890");
  }
}
