package dev.wharf.connect.file;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the files its connector assigned it (or standard input), one {@link FileTailer} per file,
 * taking turns so a busy file cannot starve the others. A poll returns up to {@code batch.size}
 * lines, or waits up to {@code poll.interval.ms} when there are none. Each record's offset is where
 * reading resumes after it, so a restart continues after the last committed line.
 */
public final class FileStreamSourceTask extends SourceTask {
  private static final Logger log = LoggerFactory.getLogger(FileStreamSourceTask.class);
  static final String FILE_HEADER = "file";
  static final String LINE_HEADER = "line";

  private final Object lock = new Object();
  private FileSourceSettings settings;
  private final List<FileTailer> tailers = new ArrayList<>();
  private final Map<String, Map<String, Object>> partitions = new HashMap<>();
  private LineReader stdin;
  private ConnectException failure;
  private int nextTailer;
  private boolean stopping;

  @Override
  public String version() {
    return Versions.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    settings = FileSourceConfig.parse(props);
    if (settings.readsStdin()) {
      stdin =
          new LineReader(
              "standard input",
              new StandardInput(System.in),
              settings.charset(),
              settings.maxLineBytes(),
              settings.longLineAction(),
              0,
              1,
              false);
      return;
    }
    List<String> names = new ArrayList<>();
    String assigned = props.get(FileSourceConfig.TASK_FILES);
    if (assigned == null) {
      names.add(settings.file());
    } else {
      for (String name : assigned.split("\n")) {
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
    }
    for (String name : names) {
      partitions.put(name, SourcePosition.partition(name));
    }
    Map<Map<String, Object>, Map<String, Object>> stored =
        context.offsetStorageReader().offsets(partitions.values());
    for (String name : names) {
      SourcePosition position = SourcePosition.fromOffset(stored.get(partitions.get(name)));
      if (position != null) {
        log.info("Resuming {} at byte {}", name, position.position());
      }
      tailers.add(new FileTailer(name, settings, position, settings.pollIntervalMs()));
    }
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    List<SourceRecord> records = new ArrayList<>();
    synchronized (lock) {
      if (stopping) {
        return null;
      }
      if (failure != null) {
        throw failure;
      }
      try {
        if (stdin != null) {
          readStdin(records);
        } else {
          readFiles(records);
        }
      } catch (ConnectException e) {
        if (records.isEmpty()) {
          throw e;
        }
        // The lines read before the failure are delivered; the next poll fails the task.
        failure = e;
      }
      if (records.isEmpty()) {
        lock.wait(settings.pollIntervalMs());
        return null;
      }
    }
    return records;
  }

  private void readStdin(List<SourceRecord> records) {
    try {
      for (Line line = stdin.next();
          line != null;
          line = records.size() < settings.batchSize() ? stdin.next() : null) {
        records.add(record(null, null, null, line));
      }
    } catch (IOException e) {
      throw new ConnectException("Cannot read standard input", e);
    }
  }

  private void readFiles(List<SourceRecord> records) {
    int count = tailers.size();
    for (int i = 0; i < count && records.size() < settings.batchSize(); i++) {
      FileTailer tailer = tailers.get((nextTailer + i) % count);
      try {
        while (records.size() < settings.batchSize()) {
          Line line = tailer.next();
          if (line == null) {
            break;
          }
          records.add(
              record(
                  tailer.name(),
                  partitions.get(tailer.name()),
                  tailer.positionAfter(line).toOffset(),
                  line));
        }
      } catch (IOException e) {
        throw new ConnectException("Cannot read file " + tailer.name() + ": " + e, e);
      }
    }
    if (count > 0) {
      nextTailer = (nextTailer + 1) % count;
    }
  }

  private SourceRecord record(
      String file, Map<String, Object> partition, Map<String, Object> offset, Line line) {
    ConnectHeaders headers = new ConnectHeaders();
    if (settings.headers()) {
      if (file != null) {
        headers.addString(FILE_HEADER, file);
      }
      headers.addLong(LINE_HEADER, line.number());
    }
    boolean keyed = settings.keyIsPath() && file != null;
    return new SourceRecord(
        partition,
        offset,
        settings.topic(),
        null,
        keyed ? Schema.STRING_SCHEMA : null,
        keyed ? file : null,
        Schema.STRING_SCHEMA,
        line.text(),
        System.currentTimeMillis(),
        headers);
  }

  /** May be called from another thread than poll(): it waits for a poll in progress. */
  @Override
  public void stop() {
    synchronized (lock) {
      stopping = true;
      lock.notifyAll();
      for (FileTailer tailer : tailers) {
        try {
          tailer.close();
        } catch (IOException e) {
          log.warn("Cannot close file {}", tailer.name(), e);
        }
      }
    }
  }
}
