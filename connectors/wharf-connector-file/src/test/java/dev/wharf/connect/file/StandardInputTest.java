package dev.wharf.connect.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StandardInputTest {
  @Test
  void linesOfStandardInputAreReadWithoutBlocking() throws IOException {
    StandardInput in =
        new StandardInput(
            new ByteArrayInputStream("one\ntwo\nthr".getBytes(StandardCharsets.UTF_8)));
    LineReader reader =
        new LineReader(
            "standard input", in, StandardCharsets.UTF_8, 100, LongLineAction.FAIL, 0, 1, false);
    assertThat(reader.next().text()).isEqualTo("one");
    assertThat(reader.next().text()).isEqualTo("two");
    assertThat(reader.next()).isNull();
  }
}
