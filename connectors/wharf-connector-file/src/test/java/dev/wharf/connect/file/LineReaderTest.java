package dev.wharf.connect.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
  /** A source that grows as the test appends to it. */
  private static final class GrowingSource implements ByteSource {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    void append(String text) {
      byte[] data = text.getBytes(StandardCharsets.UTF_8);
      bytes.write(data, 0, data.length);
    }

    @Override
    public int read(ByteBuffer target, long position) {
      byte[] all = bytes.toByteArray();
      int count = (int) Math.min(target.remaining(), all.length - position);
      if (count <= 0) {
        return -1;
      }
      target.put(all, (int) position, count);
      return count;
    }
  }

  private final GrowingSource source = new GrowingSource();

  private LineReader reader(int max, LongLineAction action) {
    return new LineReader("test.log", source, StandardCharsets.UTF_8, max, action, 0, 1, false);
  }

  private static List<Line> drain(LineReader reader) throws IOException {
    List<Line> lines = new ArrayList<>();
    for (Line line = reader.next(); line != null; line = reader.next()) {
      lines.add(line);
    }
    return lines;
  }

  @Test
  void splitsOnLineFeedCarriageReturnAndBoth() throws IOException {
    source.append("a\nb\rc\r\nd\n");
    List<Line> lines = drain(reader(100, LongLineAction.FAIL));
    assertThat(lines).extracting(Line::text).containsExactly("a", "b", "c", "d");
    assertThat(lines).extracting(Line::number).containsExactly(1L, 2L, 3L, 4L);
    assertThat(lines).extracting(Line::nextPosition).containsExactly(2L, 4L, 7L, 9L);
  }

  @Test
  void holdsAnUnterminatedLineUntilItIsComplete() throws IOException {
    LineReader reader = reader(100, LongLineAction.FAIL);
    source.append("hel");
    assertThat(reader.next()).isNull();
    source.append("lo\nwor");
    assertThat(reader.next().text()).isEqualTo("hello");
    assertThat(reader.next()).isNull();
    assertThat(reader.position()).isEqualTo(6);
    assertThat(reader.readPosition()).isEqualTo(9);
  }

  @Test
  void carriageReturnAtTheEndOfTheDataThenLineFeedIsOneTerminator() throws IOException {
    LineReader reader = reader(100, LongLineAction.FAIL);
    source.append("one\r");
    assertThat(reader.next().text()).isEqualTo("one");
    source.append("\ntwo\n");
    Line two = reader.next();
    assertThat(two.text()).isEqualTo("two");
    assertThat(two.number()).isEqualTo(2);
    assertThat(reader.next()).isNull();
  }

  @Test
  void resumingAfterACarriageReturnSkipsItsLineFeed() throws IOException {
    source.append("one\r\ntwo\n");
    LineReader resumed =
        new LineReader(
            "test.log", source, StandardCharsets.UTF_8, 100, LongLineAction.FAIL, 4, 2, true);
    assertThat(drain(resumed)).extracting(Line::text).containsExactly("two");
  }

  @Test
  void positionsCountBytesNotCharacters() throws IOException {
    source.append("é€\nx\n");
    List<Line> lines = drain(reader(100, LongLineAction.FAIL));
    assertThat(lines).extracting(Line::text).containsExactly("é€", "x");
    assertThat(lines.get(0).nextPosition()).isEqualTo(6);
  }

  @Test
  void skipDropsTheLongLineAndKeepsTheRest() throws IOException {
    LineReader reader = reader(16, LongLineAction.SKIP);
    source.append("short\n" + "x".repeat(10_000));
    assertThat(reader.next().text()).isEqualTo("short");
    assertThat(reader.next()).isNull();
    source.append("y".repeat(50_000) + "\nafter\n");
    Line after = reader.next();
    assertThat(after.text()).isEqualTo("after");
    assertThat(after.number()).isEqualTo(3);
    assertThat(reader.next()).isNull();
  }

  @Test
  void skipDropsALongLineFoundWhole() throws IOException {
    source.append("x".repeat(40) + "\nok\n");
    assertThat(drain(reader(16, LongLineAction.SKIP))).extracting(Line::text).containsExactly("ok");
  }

  @Test
  void splitEmitsPiecesOnCharacterBoundaries() throws IOException {
    source.append("ab" + "é".repeat(10) + "\nz\n");
    List<Line> lines = drain(reader(16, LongLineAction.SPLIT));
    assertThat(lines)
        .extracting(Line::text)
        .containsExactly("ab" + "é".repeat(7), "é".repeat(3), "z");
    assertThat(lines).extracting(Line::number).containsExactly(1L, 1L, 2L);
    assertThat(String.join("", lines.get(0).text(), lines.get(1).text()))
        .isEqualTo("ab" + "é".repeat(10));
  }

  @Test
  void failNamesTheFileAndLine() throws IOException {
    source.append("fine\n" + "x".repeat(100));
    LineReader reader = reader(16, LongLineAction.FAIL);
    assertThat(reader.next().text()).isEqualTo("fine");
    assertThatThrownBy(reader::next)
        .isInstanceOf(LineTooLongException.class)
        .hasMessageContaining("Line 2 of test.log")
        .hasMessageContaining("max.line.bytes=16");
  }

  @Test
  void memoryStaysBoundedByTheLimitWhateverTheLineLength() throws IOException {
    LineReader reader = reader(1024, LongLineAction.SKIP);
    for (int i = 0; i < 100; i++) {
      source.append("z".repeat(100_000));
      assertThat(reader.next()).isNull();
      assertThat(reader.readPosition() - reader.position()).isLessThanOrEqualTo(8192);
    }
  }

  @Test
  void finishReturnsTheUnterminatedTail() throws IOException {
    source.append("a\npartial");
    LineReader reader = reader(100, LongLineAction.FAIL);
    assertThat(reader.next().text()).isEqualTo("a");
    assertThat(reader.next()).isNull();
    assertThat(reader.finish().text()).isEqualTo("partial");
    assertThat(reader.finish()).isNull();
  }

  @Test
  void otherAsciiCompatibleEncodingsDecode() throws IOException {
    Charset latin1 = StandardCharsets.ISO_8859_1;
    byte[] bytes = "café\n".getBytes(latin1);
    LineReader reader =
        new LineReader(
            "latin1.log",
            (target, position) -> {
              if (position >= bytes.length) {
                return -1;
              }
              target.put(bytes, (int) position, bytes.length - (int) position);
              return bytes.length - (int) position;
            },
            latin1,
            100,
            LongLineAction.FAIL,
            0,
            1,
            false);
    assertThat(reader.next().text()).isEqualTo("café");
  }
}
