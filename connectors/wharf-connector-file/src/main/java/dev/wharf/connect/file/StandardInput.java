package dev.wharf.connect.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Standard input as a {@link ByteSource}: reads only what is available, so that a poll never blocks
 * on a silent terminal and the task can always be stopped. Positions are ignored: stdin has no
 * offsets, as in Apache's source.
 */
final class StandardInput implements ByteSource {
  private final InputStream in;

  StandardInput(InputStream in) {
    this.in = in;
  }

  @Override
  public int read(ByteBuffer target, long position) throws IOException {
    int available = Math.min(in.available(), target.remaining());
    if (available <= 0) {
      return 0;
    }
    int read = in.read(target.array(), target.arrayOffset() + target.position(), available);
    if (read > 0) {
      target.position(target.position() + read);
    }
    return read;
  }
}
