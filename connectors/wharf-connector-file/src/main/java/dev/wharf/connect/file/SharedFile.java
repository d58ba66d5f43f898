package dev.wharf.connect.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One output file shared by every sink task of this worker that writes to it. Appends are whole
 * batches of complete lines, made under this object's lock and with {@code O_APPEND}, so lines of
 * different tasks (and of other processes appending whole lines) never interleave. Before each
 * append it reopens the path if the file was renamed or removed (an external logrotate), and
 * rotates it itself when the append would pass the size limit: the full file is renamed to the next
 * free {@code <name>.<n>} and a new one started.
 */
final class SharedFile {
  private static final Map<Path, SharedFile> OPEN = new HashMap<>();

  private final Path path;
  private int users;
  private FileChannel channel;
  private Object fileKey;

  private SharedFile(Path path) {
    this.path = path;
  }

  /** The shared file for {@code path}; each call must be paired with a {@link #release()}. */
  static SharedFile acquire(Path path) {
    Path key = path.toAbsolutePath().normalize();
    synchronized (OPEN) {
      SharedFile file = OPEN.computeIfAbsent(key, SharedFile::new);
      file.users++;
      return file;
    }
  }

  Path path() {
    return path;
  }

  /** Appends {@code lines} (complete lines only), rotating first when over {@code rotateBytes}. */
  synchronized void append(ByteBuffer lines, long rotateBytes) throws IOException {
    ensureOpen();
    if (rotateBytes > 0) {
      long size = channel.size();
      if (size > 0 && size + lines.remaining() > rotateBytes) {
        rotate();
      }
    }
    while (lines.hasRemaining()) {
      channel.write(lines);
    }
  }

  /** Forces what was appended to the storage device. */
  synchronized void sync() throws IOException {
    if (channel != null) {
      channel.force(false);
    }
  }

  void release() throws IOException {
    synchronized (OPEN) {
      if (--users > 0) {
        return;
      }
      OPEN.remove(path);
    }
    synchronized (this) {
      close();
    }
  }

  private void ensureOpen() throws IOException {
    if (channel != null && !fileKey.equals(currentKey())) {
      close();
    }
    if (channel == null) {
      channel =
          FileChannel.open(
              path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      Object key = currentKey();
      fileKey = key == null ? path : key;
    }
  }

  private Object currentKey() throws IOException {
    try {
      Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
      return key == null ? path : key;
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private void rotate() throws IOException {
    channel.force(false);
    close();
    Files.move(path, path.resolveSibling(path.getFileName() + "." + nextIndex()));
    ensureOpen();
  }

  private long nextIndex() throws IOException {
    String name = path.getFileName().toString();
    Pattern rotated = Pattern.compile(Pattern.quote(name) + "\\.(\\d+)");
    long highest = 0;
    try (Stream<Path> siblings = Files.list(path.toAbsolutePath().getParent())) {
      for (Path sibling : (Iterable<Path>) siblings::iterator) {
        var matcher = rotated.matcher(sibling.getFileName().toString());
        if (matcher.matches()) {
          highest = Math.max(highest, Long.parseLong(matcher.group(1)));
        }
      }
    }
    return highest + 1;
  }

  private void close() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }
}
