package dev.wharf.connect.file;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Where a {@link LineReader} gets its bytes: a file read at a position, or standard input. */
@FunctionalInterface
interface ByteSource {
  /**
   * Reads what is available now into {@code target}, starting at byte {@code position} of the
   * source; returns the number of bytes read, 0 or -1 when nothing is available, and never blocks
   * waiting for more data to be written.
   */
  int read(ByteBuffer target, long position) throws IOException;
}
