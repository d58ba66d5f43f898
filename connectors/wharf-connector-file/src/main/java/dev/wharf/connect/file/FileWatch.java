package dev.wharf.connect.file;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
  private Set<String> missing = Set.of();

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

  /** Matches the entries again; runs on the watch thread (tests call it directly). */
  void scan() {
    List<String> now;
    try {
      now = FilePatterns.expand(settings.files());
    } catch (RuntimeException e) {
      onError.accept(e);
      thread.shutdown();
      return;
    }
    // A matched file that vanishes is usually being rotated (renamed, then created again): keep it
    // for one more scan so its task is not restarted in the middle of the rotation.
    Set<String> vanished = new HashSet<>(files);
    vanished.removeAll(now);
    vanished.removeAll(missing);
    if (!vanished.isEmpty()) {
      TreeSet<String> kept = new TreeSet<>(now);
      kept.addAll(vanished);
      now = new ArrayList<>(kept);
    }
    missing = vanished;
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
