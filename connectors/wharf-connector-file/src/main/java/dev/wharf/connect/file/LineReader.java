package dev.wharf.connect.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits the bytes of a {@link ByteSource} into lines ended by {@code \n}, {@code \r} or {@code
 * \r\n}, as Apache's FileStream source does, but counting byte positions exactly (so an offset
 * resumes at the right byte whatever the encoding) and never holding more than about {@code
 * max.line.bytes} of one line: a longer line is skipped, split or refused as configured. Lines are
 * found on bytes, which is why only encodings whose line terminators are the single bytes 0x0A and
 * 0x0D are accepted (see {@link SourceEncoding}). Not thread-safe.
 */
final class LineReader {
  private static final Logger log = LoggerFactory.getLogger(LineReader.class);
  private static final int INITIAL_CAPACITY = 8192;

  private final String name;
  private final ByteSource source;
  private final Charset charset;
  private final int maxLineBytes;
  private final LongLineAction action;
  private final int maxCapacity;
  private ByteBuffer buffer;
  private long position;
  private long lineNumber;
  private boolean skipLineFeed;
  private boolean discarding;

  /**
   * A reader starting at byte {@code position}, where line {@code lineNumber} begins; {@code
   * afterCarriageReturn} says the byte before {@code position} was a {@code \r}, so that a {@code
   * \n} right at {@code position} finishes that terminator rather than making an empty line.
   */
  LineReader(
      String name,
      ByteSource source,
      Charset charset,
      int maxLineBytes,
      LongLineAction action,
      long position,
      long lineNumber,
      boolean afterCarriageReturn) {
    this.name = name;
    this.source = source;
    this.charset = charset;
    this.maxLineBytes = maxLineBytes;
    this.action = action;
    this.maxCapacity = Math.max(INITIAL_CAPACITY, maxLineBytes + 1);
    this.buffer = ByteBuffer.allocate(Math.min(INITIAL_CAPACITY, maxCapacity)).flip();
    this.position = position;
    this.lineNumber = lineNumber;
    this.skipLineFeed = afterCarriageReturn;
  }

  /** The position of the first byte not yet returned in a line (nor skipped). */
  long position() {
    return position;
  }

  /** The position up to which bytes have been read from the source. */
  long readPosition() {
    return position + buffer.remaining();
  }

  /** The next complete line, or null when the source has no complete line available now. */
  Line next() throws IOException {
    while (true) {
      Line line = scan();
      if (line != null) {
        return line;
      }
      if (!fill()) {
        return null;
      }
    }
  }

  /**
   * The bytes after the last terminator as a final line, for a file that will not grow any more (it
   * was rotated away); null when there are none.
   */
  Line finish() throws IOException {
    Line line = next();
    if (line != null) {
      return line;
    }
    int pending = buffer.remaining();
    if (pending == 0 || discarding) {
      consume(pending);
      discarding = false;
      return null;
    }
    String text = new String(buffer.array(), buffer.position(), pending, charset);
    long number = lineNumber;
    consume(pending);
    lineNumber++;
    return new Line(text, number, position, lineNumber);
  }

  private Line scan() {
    while (true) {
      byte[] bytes = buffer.array();
      int start = buffer.position();
      int end = buffer.limit();
      if (start == end) {
        return null;
      }
      if (skipLineFeed) {
        skipLineFeed = false;
        if (bytes[start] == '\n') {
          consume(1);
          continue;
        }
      }
      int terminatorAt = -1;
      for (int i = start; i < end; i++) {
        if (bytes[i] == '\n' || bytes[i] == '\r') {
          terminatorAt = i;
          break;
        }
      }
      if (terminatorAt < 0) {
        int pending = end - start;
        if (discarding) {
          consume(pending);
          return null;
        }
        if (pending <= maxLineBytes) {
          return null;
        }
        Line piece = overflow(start, false);
        if (piece != null) {
          return piece;
        }
        continue;
      }
      int length = terminatorAt - start;
      if (!discarding && length > maxLineBytes) {
        Line piece = overflow(start, true);
        if (piece != null) {
          return piece;
        }
        continue;
      }
      int terminator = 1;
      if (bytes[terminatorAt] == '\r') {
        if (terminatorAt + 1 < end) {
          terminator = bytes[terminatorAt + 1] == '\n' ? 2 : 1;
        } else {
          skipLineFeed = true;
        }
      }
      long number = lineNumber;
      boolean skipped = discarding;
      String text = skipped ? null : new String(bytes, start, length, charset);
      consume(length + terminator);
      lineNumber++;
      discarding = false;
      if (!skipped) {
        return new Line(text, number, position, lineNumber);
      }
    }
  }

  /**
   * Handles a line known to be longer than the limit, starting at {@code start}; returns the piece
   * to emit when splitting, else null after skipping what is buffered.
   */
  private Line overflow(int start, boolean terminated) {
    switch (action) {
      case FAIL:
        throw new LineTooLongException(name, lineNumber, position, maxLineBytes);
      case SKIP:
        log.warn(
            "Skipping line {} of {} (starting at byte {}): longer than max.line.bytes={}",
            lineNumber,
            name,
            position,
            maxLineBytes);
        discarding = true;
        if (!terminated) {
          consume(buffer.remaining());
        }
        return null;
      case SPLIT:
      default:
        int length = charAlignedLength(start);
        String text = new String(buffer.array(), start, length, charset);
        consume(length);
        return new Line(text, lineNumber, position, lineNumber);
    }
  }

  /** How many of the next {@code max.line.bytes} bytes end on a character boundary. */
  private int charAlignedLength(int start) {
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    ByteBuffer in = ByteBuffer.wrap(buffer.array(), start, maxLineBytes);
    decoder.decode(in, CharBuffer.allocate(maxLineBytes), false);
    int decoded = in.position() - start;
    return decoded > 0 ? decoded : maxLineBytes;
  }

  private void consume(int bytes) {
    buffer.position(buffer.position() + bytes);
    position += bytes;
  }

  private boolean fill() throws IOException {
    buffer.compact();
    if (!buffer.hasRemaining() && buffer.capacity() < maxCapacity) {
      ByteBuffer larger =
          ByteBuffer.allocate((int) Math.min((long) buffer.capacity() * 2, maxCapacity));
      buffer.flip();
      larger.put(buffer);
      buffer = larger;
    }
    int read = buffer.hasRemaining() ? source.read(buffer, position + buffer.position()) : 0;
    buffer.flip();
    return read > 0;
  }
}
