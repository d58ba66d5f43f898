package dev.wharf.proxy.v3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Limits how many bytes a streamed request may send for one record: the count restarts at each
 * {@link #restart()}, so a long-lived stream of small records is fine while one oversized record
 * fails with {@link TooLarge} instead of being buffered.
 */
final class WindowedInputStream extends FilterInputStream {
  private final long limit;
  private long count;

  WindowedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  /** Thrown when a record's bytes pass the limit. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long limit) {
      super("a record in the request exceeds the limit of " + limit + " bytes");
    }
  }

  void restart() {
    count = 0;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  private void counted(int n) throws TooLarge {
    count += n;
    if (count > limit) {
      throw new TooLarge(limit);
    }
  }
}
