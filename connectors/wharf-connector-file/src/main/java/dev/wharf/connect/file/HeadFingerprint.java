package dev.wharf.connect.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A 64-bit FNV-1a hash of the first bytes of a file (at most {@value #MAX_BYTES}). Two different
 * log files almost never start with the same kilobyte, so a changed fingerprint tells that the path
 * now holds another file (rotated or truncated and rewritten) even when it has grown past the old
 * position.
 */
final class HeadFingerprint {
  static final int MAX_BYTES = 1024;
  private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private HeadFingerprint() {}

  /** The hash of the first {@code bytes} bytes of {@code channel}, or null if it is shorter. */
  static Long of(FileChannel channel, long bytes) throws IOException {
    ByteBuffer head = ByteBuffer.allocate((int) bytes);
    long position = 0;
    while (head.hasRemaining()) {
      int read = channel.read(head, position);
      if (read < 0) {
        return null;
      }
      position += read;
    }
    long hash = OFFSET_BASIS;
    for (byte b : head.array()) {
      hash ^= b & 0xff;
      hash *= PRIME;
    }
    return hash;
  }
}
