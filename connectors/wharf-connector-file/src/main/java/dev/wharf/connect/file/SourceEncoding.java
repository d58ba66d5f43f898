package dev.wharf.connect.file;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;

/**
 * The {@code encoding} of a source file. Lines are found on bytes, so an encoding qualifies when it
 * writes {@code \n} and {@code \r} as the single bytes 0x0A and 0x0D and never uses those bytes
 * inside another character: UTF-8, US-ASCII, ISO-8859-*, windows-125*, Shift_JIS, GBK... but not
 * UTF-16 or UTF-32.
 */
final class SourceEncoding {
  private SourceEncoding() {}

  /** The charset named {@code name}. */
  static Charset forName(String name) {
    Charset charset;
    try {
      charset = Charset.forName(name.trim());
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new IllegalArgumentException("Unknown encoding " + name, e);
    }
    if (!Arrays.equals("\n".getBytes(charset), new byte[] {'\n'})
        || !Arrays.equals("\r".getBytes(charset), new byte[] {'\r'})) {
      throw new IllegalArgumentException(
          "Encoding "
              + name
              + " is not supported: lines must end in the one-byte \\n or \\r of an"
              + " ASCII-compatible encoding such as UTF-8 or ISO-8859-1");
    }
    return charset;
  }
}
