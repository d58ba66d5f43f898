package dev.wharf.connect.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most one write of the sink in flight on a thread of its own, so that the database commits one
 * put while the task converts the next records. {@link #settle()} waits for it; a write that failed
 * leaves its records behind ({@link #unwritten()}) for the task to write again in the foreground,
 * where failures are retried, reported and counted as before.
 */
final class BackgroundWrite implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BackgroundWrite.class);

  /** One write of the rows of records, in its own transaction. */
  interface Write {
    void write(List<SinkRow> rows) throws Exception;
  }

  private final ExecutorService thread;
  private final Write write;
  private Future<?> inFlight;
  private List<SinkRecord> inFlightRecords;
  private List<SinkRecord> unwritten = List.of();

  BackgroundWrite(String name, Write write) {
    this.write = write;
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts writing {@code rows}, the rows of {@code records} (a copy of which is kept); the
   * previous write must be settled.
   */
  void start(Collection<SinkRecord> records, List<SinkRow> rows) {
    inFlightRecords = new ArrayList<>(records);
    inFlight =
        thread.submit(
            () -> {
              write.write(rows);
              return null;
            });
  }

  /**
   * Waits for the write in flight. Answers true when there was one and it succeeded; when it failed
   * its records become {@link #unwritten()}.
   */
  boolean settle() {
    if (inFlight == null) {
      return false;
    }
    try {
      inFlight.get();
      return true;
    } catch (ExecutionException e) {
      log.warn(
          "Writing {} records in the background failed; writing them again: {}",
          inFlightRecords.size(),
          String.valueOf(e.getCause()));
      unwritten = inFlightRecords;
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      unwritten = inFlightRecords;
      return false;
    } finally {
      inFlight = null;
      inFlightRecords = null;
    }
  }

  /** Records of a failed write, still to be written (empty when none). */
  List<SinkRecord> unwritten() {
    return unwritten;
  }

  /** The unwritten records are written now. */
  void written() {
    unwritten = List.of();
  }

  @Override
  public void close() {
    settle();
    thread.shutdownNow();
  }
}
