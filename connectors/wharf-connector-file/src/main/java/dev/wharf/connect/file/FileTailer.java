package dev.wharf.connect.file;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one file path as {@code tail -F} does, line by line. It resumes at a stored {@link
 * SourcePosition} unless the file is now shorter or starts differently (then it reads from the
 * start); whenever it has caught up it checks the path again: another file there (rename rotation,
 * logrotate {@code create}) makes it finish the old file, until that has been quiet for the grace
 * period, and then continue with the new file from its start; a shorter file or a changed first
 * kilobyte (truncation, {@code copytruncate}) makes it read again from the start. A missing file is
 * waited for; a missing directory or an unreadable file is an error naming the file. Not
 * thread-safe.
 */
final class FileTailer implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(FileTailer.class);

  private final String name;
  private final Path path;
  private final FileSourceSettings settings;
  private final long graceMs;
  private SourcePosition resumeFrom;
  private FileChannel channel;
  private Object fileKey;
  private LineReader reader;
  private long headBytes = -1;
  private long headHash;
  private boolean caughtUp;
  private boolean waitingLogged;
  private long rotatedAt = -1;
  private long lastDataAt;

  /**
   * A tailer of {@code name} (the path as configured, which names the offset partition), resuming
   * at {@code stored} when not null, finishing a rotated file after {@code graceMs} without data.
   */
  FileTailer(String name, FileSourceSettings settings, SourcePosition stored, long graceMs) {
    this.name = name;
    this.path = Path.of(name);
    this.settings = settings;
    this.graceMs = graceMs;
    this.resumeFrom = stored;
  }

  String name() {
    return name;
  }

  /** The next line of the file, or null when there is none yet. */
  Line next() throws IOException {
    if (channel == null && !open()) {
      return null;
    }
    if (caughtUp) {
      caughtUp = false;
      checkIdentity();
    }
    Line line = reader.next();
    long now = System.currentTimeMillis();
    if (line != null) {
      lastDataAt = now;
      return line;
    }
    if (rotatedAt >= 0 && now - lastDataAt >= graceMs && now - rotatedAt >= graceMs) {
      Line last = reader.finish();
      if (last != null) {
        return last;
      }
      log.info("Finished the rotated {}; continuing with the new file at that path", name);
      closeChannel();
      rotatedAt = -1;
      return null;
    }
    caughtUp = true;
    return null;
  }

  /** The offset to store with {@code line}: where to resume after it. */
  SourcePosition positionAfter(Line line) throws IOException {
    long bytes = Math.min(HeadFingerprint.MAX_BYTES, line.nextPosition());
    if (bytes != headBytes) {
      Long hash = HeadFingerprint.of(channel, bytes);
      headBytes = hash == null ? -1 : bytes;
      headHash = hash == null ? 0 : hash;
    }
    return new SourcePosition(line.nextPosition(), line.nextNumber(), headBytes, headHash);
  }

  private boolean open() throws IOException {
    Path directory = path.toAbsolutePath().getParent();
    if (directory != null && !Files.isDirectory(directory)) {
      throw new ConnectException(
          "Directory " + directory + " of file " + name + " does not exist or is not a directory");
    }
    if (Files.isDirectory(path)) {
      throw new ConnectException("File " + name + " is a directory");
    }
    AllowedPaths.current()
        .check(path)
        .ifPresent(
            error -> {
              throw new ConnectException(error);
            });
    try {
      channel = FileChannel.open(path, StandardOpenOption.READ);
      fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    } catch (NoSuchFileException e) {
      closeChannel();
      if (!waitingLogged) {
        log.info("Waiting for file {} to be created", name);
        waitingLogged = true;
      }
      return false;
    } catch (AccessDeniedException e) {
      closeChannel();
      throw new ConnectException("File " + name + " cannot be read: permission denied", e);
    }
    waitingLogged = false;
    SourcePosition start = resumeFrom;
    resumeFrom = null;
    long position = 0;
    long line = 1;
    if (start != null) {
      long size = channel.size();
      if (start.position() > size) {
        log.info(
            "File {} ({} bytes) is shorter than its committed position {}: it was truncated;"
                + " reading it from the start",
            name,
            size,
            start.position());
      } else if (start.headBytes() > 0
          && !Objects.equals(HeadFingerprint.of(channel, start.headBytes()), start.headHash())) {
        log.info(
            "File {} is not the file its committed position belongs to (rotated or rewritten);"
                + " reading it from the start",
            name);
      } else {
        position = start.position();
        line = start.line() > 0 ? start.line() : LineCounter.linesBefore(channel, position) + 1;
      }
    }
    startReader(position, line);
    lastDataAt = System.currentTimeMillis();
    return true;
  }

  private void startReader(long position, long line) throws IOException {
    boolean afterCarriageReturn = false;
    if (position > 0) {
      ByteBuffer previous = ByteBuffer.allocate(1);
      afterCarriageReturn = channel.read(previous, position - 1) == 1 && previous.get(0) == '\r';
    }
    reader =
        new LineReader(
            name,
            channel::read,
            settings.charset(),
            settings.maxLineBytes(),
            settings.longLineAction(),
            position,
            line,
            afterCarriageReturn);
    headBytes = -1;
  }

  /** Called once caught up: is the path still the open file, unshortened and unrewritten? */
  private void checkIdentity() throws IOException {
    if (rotatedAt >= 0) {
      return;
    }
    Object currentKey;
    try {
      currentKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    } catch (NoSuchFileException e) {
      currentKey = null;
    }
    if (currentKey == null || !currentKey.equals(fileKey)) {
      log.info("File {} was rotated or removed; finishing the old file first", name);
      rotatedAt = System.currentTimeMillis();
      return;
    }
    long size = channel.size();
    if (size < reader.readPosition()) {
      log.info("File {} was truncated to {} bytes; reading it from the start", name, size);
      startReader(0, 1);
    } else if (headBytes > 0 && !Objects.equals(HeadFingerprint.of(channel, headBytes), headHash)) {
      log.info("File {} was truncated and rewritten; reading it from the start", name);
      startReader(0, 1);
    }
  }

  private void closeChannel() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }

  @Override
  public void close() throws IOException {
    closeChannel();
  }
}
