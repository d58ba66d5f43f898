package dev.wharf.connect.logs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The most recent log lines of one connector and its tasks, bounded both in lines and in estimated
 * bytes: appending past either bound drops the oldest lines, so memory stays bounded however much a
 * plugin logs. Thread-safe; appends and reads hold the lock briefly.
 */
public final class LogBuffer {
  private final int maxLines;
  private final long maxBytes;
  private final ArrayDeque<LogLine> lines = new ArrayDeque<>();
  private long bytes;
  private long nextSequence = 1;

  LogBuffer(int maxLines, long maxBytes) {
    this.maxLines = maxLines;
    this.maxBytes = maxBytes;
  }

  synchronized void append(LogLine line) {
    LogLine numbered = line.withSequence(nextSequence++);
    lines.addLast(numbered);
    bytes += numbered.estimatedBytes();
    while (lines.size() > maxLines || (bytes > maxBytes && lines.size() > 1)) {
      bytes -= lines.removeFirst().estimatedBytes();
    }
  }

  /** The last {@code query.tail()} matching lines, oldest first. */
  public synchronized List<LogLine> select(LogQuery query) {
    ArrayDeque<LogLine> selected = new ArrayDeque<>();
    Iterator<LogLine> newestFirst = lines.descendingIterator();
    while (newestFirst.hasNext() && selected.size() < query.tail()) {
      LogLine line = newestFirst.next();
      if (query.matches(line)) {
        selected.addFirst(line);
      }
    }
    return new ArrayList<>(selected);
  }

  /**
   * The last {@code query.tail()} matching lines and the number of the newest line of any kind, in
   * one atomic read: a follower continues after that number and neither misses nor repeats a line.
   */
  public synchronized Tail tail(LogQuery query) {
    return new Tail(select(query), lastSequence());
  }

  /** What {@link #tail} read. */
  public record Tail(List<LogLine> lines, long lastSequence) {}

  /** Matching lines appended after the line numbered {@code sequence}, oldest first. */
  public synchronized List<LogLine> after(long sequence, LogQuery query) {
    List<LogLine> result = new ArrayList<>();
    Iterator<LogLine> newestFirst = lines.descendingIterator();
    while (newestFirst.hasNext()) {
      LogLine line = newestFirst.next();
      if (line.sequence() <= sequence) {
        break;
      }
      if (query.matches(line)) {
        result.add(0, line);
      }
    }
    return result;
  }

  /** The number of the newest line appended so far (0 before the first). */
  public synchronized long lastSequence() {
    return nextSequence - 1;
  }

  public synchronized int size() {
    return lines.size();
  }

  /** The estimated bytes the kept lines hold. */
  public synchronized long bytes() {
    return bytes;
  }

  public int maxLines() {
    return maxLines;
  }
}
