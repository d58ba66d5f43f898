package dev.wharf.connect.file;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each record as one line (see {@link RecordText}) to its file, buffering up to {@value
 * #BUFFER_BYTES} bytes per file and appending whole buffers to the {@link SharedFile}. {@link
 * #flush} (which the runtime's {@code preCommit} calls before committing offsets) appends what is
 * buffered and, with {@code fsync}, forces it to disk, so a committed offset never runs ahead of
 * the file.
 */
public final class FileStreamSinkTask extends SinkTask {
  private static final Logger log = LoggerFactory.getLogger(FileStreamSinkTask.class);
  private static final int BUFFER_BYTES = 64 * 1024;

  private FileSinkSettings settings;
  private final Map<TopicPartition, Output> byPartition = new HashMap<>();
  private final Map<Path, Output> byPath = new HashMap<>();
  private PrintStream stdout;

  @Override
  public String version() {
    return Versions.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    settings = FileSinkConfig.parse(props);
    if (settings.file() == null) {
      stdout = System.out;
    }
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    if (records.isEmpty() && stdout == null) {
      // Nothing more came in: write out what waits in the buffers, so the file is never behind
      // an idle topic until the next offset commit.
      for (Output output : byPath.values()) {
        output.writeOut();
      }
      return;
    }
    Output last = null;
    String lastTopic = null;
    int lastPartition = -1;
    for (SinkRecord record : records) {
      String line = RecordText.of(record.value());
      if (stdout != null) {
        stdout.println(line);
        continue;
      }
      // Batches come partition by partition: look the output up only when the partition changes.
      String topic = record.topic();
      int partition = record.kafkaPartition();
      if (last == null || partition != lastPartition || !topic.equals(lastTopic)) {
        last = output(topic, partition);
        lastTopic = topic;
        lastPartition = partition;
      }
      last.append(line);
    }
  }

  @Override
  public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    if (stdout != null) {
      stdout.flush();
      return;
    }
    for (Output output : byPath.values()) {
      output.writeOut();
      if (settings.fsync()) {
        output.sync();
      }
    }
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    flush(Map.of());
    partitions.forEach(byPartition::remove);
  }

  @Override
  public void stop() {
    try {
      if (settings != null) {
        flush(Map.of());
      }
    } finally {
      for (Output output : byPath.values()) {
        try {
          output.file.release();
        } catch (IOException e) {
          log.warn("Cannot close file {}", output.file.path(), e);
        }
      }
      byPath.clear();
      byPartition.clear();
    }
  }

  private Output output(String topic, int partition) {
    TopicPartition key = new TopicPartition(topic, partition);
    Output output = byPartition.get(key);
    if (output == null) {
      Path path = settings.file().resolve(topic, partition);
      output = byPath.get(path);
      if (output == null) {
        output = open(path, topic);
        byPath.put(path, output);
      }
      byPartition.put(key, output);
    }
    return output;
  }

  private Output open(Path path, String topic) {
    AllowedPaths.current()
        .check(path)
        .ifPresent(
            error -> {
              throw new ConnectException(error + " (the file for topic " + topic + ")");
            });
    Path directory = path.toAbsolutePath().getParent();
    try {
      if (directory != null && !Files.isDirectory(directory)) {
        Files.createDirectories(directory);
      }
    } catch (IOException e) {
      throw new ConnectException("Cannot create directory " + directory + " for file " + path, e);
    }
    if (Files.isDirectory(path)) {
      throw new ConnectException("File " + path + " for topic " + topic + " is a directory");
    }
    return new Output(SharedFile.acquire(path));
  }

  /** The records buffered for one file, as UTF-8 bytes of complete lines. */
  private final class Output {
    final SharedFile file;
    private byte[] buffer = new byte[BUFFER_BYTES + 1024];
    private int size;

    Output(SharedFile file) {
      this.file = file;
    }

    void append(String line) {
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      // A rotating file takes appends no larger than its limit, so it rarely outgrows it.
      long rotateBytes = settings.rotateBytes();
      if (rotateBytes > 0 && size + bytes.length + 1 > rotateBytes) {
        writeOut();
      }
      if (size + bytes.length + 1 > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + bytes.length + 1));
      }
      System.arraycopy(bytes, 0, buffer, size, bytes.length);
      size += bytes.length;
      buffer[size++] = '\n';
      if (size >= BUFFER_BYTES) {
        writeOut();
      }
    }

    void writeOut() {
      if (size == 0) {
        return;
      }
      try {
        file.append(ByteBuffer.wrap(buffer, 0, size), settings.rotateBytes());
      } catch (IOException e) {
        throw new ConnectException("Cannot write to file " + file.path() + ": " + e, e);
      }
      size = 0;
      if (buffer.length > BUFFER_BYTES + 1024) {
        buffer = new byte[BUFFER_BYTES + 1024]; // one huge record must not pin its buffer
      }
    }

    void sync() {
      try {
        file.sync();
      } catch (IOException e) {
        throw new ConnectException("Cannot sync file " + file.path() + " to disk: " + e, e);
      }
    }
  }
}
