package dev.wharf.connect.metrics;

import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * A per-second rate of a running total, computed when read (never on the counting path): the growth
 * of the total over the last {@value #WINDOW_MS} ms, from samples taken by the readers at most once
 * a second. Before the window has filled, the rate is over the time since creation.
 */
final class Rate {
  static final long WINDOW_MS = 30_000;
  private static final long SAMPLE_EVERY_MS = 1_000;

  private final LongSupplier total;
  private final ArrayDeque<long[]> samples = new ArrayDeque<>();

  Rate(LongSupplier total, long nowMillis) {
    this.total = total;
    samples.addLast(new long[] {nowMillis, total.getAsLong()});
  }

  synchronized double perSecond(long nowMillis) {
    long current = total.getAsLong();
    long[] newest = samples.peekLast();
    if (nowMillis - newest[0] >= SAMPLE_EVERY_MS) {
      samples.addLast(new long[] {nowMillis, current});
    }
    // Keep one sample at or before the window's start, so the rate covers the whole window.
    while (samples.size() > 2) {
      long[] second = samples.stream().skip(1).findFirst().orElseThrow();
      if (nowMillis - second[0] >= WINDOW_MS) {
        samples.removeFirst();
      } else {
        break;
      }
    }
    long[] oldest = samples.peekFirst();
    long elapsed = nowMillis - oldest[0];
    return elapsed <= 0 ? 0.0 : (current - oldest[1]) * 1000.0 / elapsed;
  }
}
