package dev.wharf.proxy.format;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A slice of UTF-8 bytes that a JSON generator copies as they are ({@code writeRawValue}), without
 * decoding them to characters first. Only the unquoted forms are meant to be used; the quoted ones
 * exist because the interface has them.
 */
final class Utf8Raw implements SerializableString {
  private final byte[] bytes;
  private final int start;
  private final int end;

  Utf8Raw(byte[] bytes, int start, int end) {
    this.bytes = bytes;
    this.start = start;
    this.end = end;
  }

  @Override
  public String getValue() {
    return new String(bytes, start, end - start, StandardCharsets.UTF_8);
  }

  @Override
  public int charLength() {
    return getValue().length();
  }

  @Override
  public char[] asQuotedChars() {
    return JsonStringEncoder.getInstance().quoteAsString(getValue());
  }

  @Override
  public byte[] asUnquotedUTF8() {
    byte[] copy = new byte[end - start];
    System.arraycopy(bytes, start, copy, 0, copy.length);
    return copy;
  }

  @Override
  public byte[] asQuotedUTF8() {
    return JsonStringEncoder.getInstance().quoteAsUTF8(getValue());
  }

  @Override
  public int appendQuotedUTF8(byte[] buffer, int offset) {
    return copy(asQuotedUTF8(), 0, buffer, offset);
  }

  @Override
  public int appendQuoted(char[] buffer, int offset) {
    char[] quoted = asQuotedChars();
    if (offset + quoted.length > buffer.length) {
      return -1;
    }
    System.arraycopy(quoted, 0, buffer, offset, quoted.length);
    return quoted.length;
  }

  @Override
  public int appendUnquotedUTF8(byte[] buffer, int offset) {
    int length = end - start;
    if (offset + length > buffer.length) {
      return -1;
    }
    System.arraycopy(bytes, start, buffer, offset, length);
    return length;
  }

  @Override
  public int appendUnquoted(char[] buffer, int offset) {
    char[] chars = getValue().toCharArray();
    if (offset + chars.length > buffer.length) {
      return -1;
    }
    System.arraycopy(chars, 0, buffer, offset, chars.length);
    return chars.length;
  }

  @Override
  public int writeQuotedUTF8(OutputStream out) throws IOException {
    byte[] quoted = asQuotedUTF8();
    out.write(quoted);
    return quoted.length;
  }

  @Override
  public int writeUnquotedUTF8(OutputStream out) throws IOException {
    out.write(bytes, start, end - start);
    return end - start;
  }

  @Override
  public int putQuotedUTF8(ByteBuffer buffer) {
    byte[] quoted = asQuotedUTF8();
    if (quoted.length > buffer.remaining()) {
      return -1;
    }
    buffer.put(quoted);
    return quoted.length;
  }

  @Override
  public int putUnquotedUTF8(ByteBuffer buffer) {
    int length = end - start;
    if (length > buffer.remaining()) {
      return -1;
    }
    buffer.put(bytes, start, length);
    return length;
  }

  @Override
  public String toString() {
    return getValue();
  }

  private static int copy(byte[] from, int fromOffset, byte[] to, int offset) {
    int length = from.length - fromOffset;
    if (offset + length > to.length) {
      return -1;
    }
    System.arraycopy(from, fromOffset, to, offset, length);
    return length;
  }
}
