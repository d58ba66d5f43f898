package dev.wharf.connect.file;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a source connector's list of files current: matches its {@code files} entries at start and
 * then every {@code files.scan.interval.ms} on a thread of its own, calls {@code onChange} when the
 * list differs, and {@code onError} when a glob's directory has gone (the connector then fails with
 * that message rather than silently reading nothing).
 */
final class FileWatch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FileWatch.class);

  private final FileSourceSettings settings;
  private final Runnable onChange;
  private final Consumer<Exception> onError;
  private final ScheduledExecutorService thread;
  private volatile List<String> files;

  FileWatch(FileSourceSettings settings, Runnable onChange, Consumer<Exception> onError) {
    this.settings = settings;
    this.onChange = onChange;
    this.onError = onError;
    this.files = FilePatterns.expand(settings.files());
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "file-source-watch");
              t.setDaemon(true);
              return t;
            });
  }

  void start() {
    long interval = settings.scanIntervalMs();
    thread.scheduleWithFixedDelay(this::scan, interval, interval, TimeUnit.MILLISECONDS);
  }

  /** The files matched at the last scan, sorted. */
  List<String> files() {
    return files;
  }

  private void scan() {
    List<String> now;
    try {
      now = FilePatterns.expand(settings.files());
    } catch (RuntimeException e) {
      onError.accept(e);
      thread.shutdown();
      return;
    }
    if (!now.equals(files)) {
      log.info("Files for topic {} changed from {} to {}", settings.topic(), files, now);
      files = now;
      onChange.run();
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
