package dev.wharf.connect.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Counts line terminators before a position, to number lines when resuming from an offset that
 * carries no line number (one written by Apache's FileStream source). Runs once per such file.
 */
final class LineCounter {
  private LineCounter() {}

  static long linesBefore(FileChannel channel, long end) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    long lines = 0;
    long position = 0;
    boolean previousWasCarriageReturn = false;
    while (position < end) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
      int read = channel.read(buffer, position);
      if (read <= 0) {
        break;
      }
      for (int i = 0; i < read; i++) {
        byte b = buffer.get(i);
        if (b == '\r' || (b == '\n' && !previousWasCarriageReturn)) {
          lines++;
        }
        previousWasCarriageReturn = b == '\r';
      }
      position += read;
    }
    return lines;
  }
}
