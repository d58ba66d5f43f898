package dev.wharf.connect.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The {@link OffsetStore} of a standalone worker ({@code offset.storage.file.filename}): the whole
 * table rewritten to one file on every write, in the format of Apache's {@code
 * FileOffsetBackingStore}, a Java-serialized {@code HashMap<byte[], byte[]>} of the serialized
 * offset keys and values, so either runtime can continue from the other's file. Reading accepts
 * nothing but that map, so a tampered file cannot instantiate other classes.
 */
public final class FileOffsetStore implements OffsetStore {
  private static final ObjectInputFilter ONLY_BYTE_MAPS =
      ObjectInputFilter.Config.createFilter(
          "maxdepth=3;java.util.HashMap;java.util.Map$Entry;[B;!*");

  private final Path file;
  private final OffsetTable table = new OffsetTable();

  public FileOffsetStore(Path file) {
    this.file = file;
  }

  @Override
  public void start() {
    if (!Files.exists(file)) {
      return;
    }
    try (InputStream in = Files.newInputStream(file);
        ObjectInputStream objects = new ObjectInputStream(in)) {
      objects.setObjectInputFilter(ONLY_BYTE_MAPS);
      Object stored = objects.readObject();
      if (!(stored instanceof Map<?, ?> entries)) {
        throw new ConnectException("Offset file '" + file + "' does not hold a map of offsets");
      }
      for (Map.Entry<?, ?> entry : entries.entrySet()) {
        table.apply((byte[]) entry.getKey(), (byte[]) entry.getValue());
      }
    } catch (IOException | ClassNotFoundException | ClassCastException e) {
      throw new ConnectException("Cannot read offset file '" + file + "'", e);
    }
  }

  @Override
  public Map<String, Object> offset(String connector, Map<String, ?> partition) {
    return table.offset(OffsetRecords.key(connector, partition));
  }

  @Override
  public Map<Map<String, Object>, Map<String, Object>> offsets(String connector) {
    return table.offsets(connector);
  }

  @Override
  public synchronized CompletableFuture<Void> write(
      String connector, Map<? extends Map<String, ?>, ? extends Map<String, ?>> offsets) {
    offsets.forEach((partition, offset) -> OffsetRecords.validate(connector, partition, offset));
    offsets.forEach(
        (partition, offset) ->
            table.apply(OffsetRecords.key(connector, partition), OffsetRecords.value(offset)));
    try {
      save();
      return CompletableFuture.completedFuture(null);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(
          new ConnectException(
              "Cannot write offsets of connector '" + connector + "' to '" + file + "'", e));
    }
  }

  // A crash mid-write must not leave a truncated file, so write aside and move into place.
  private void save() throws IOException {
    Path absolute = file.toAbsolutePath();
    Path directory = absolute.getParent();
    Files.createDirectories(directory);
    Path temporary = Files.createTempFile(directory, absolute.getFileName().toString(), ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(temporary);
          ObjectOutputStream objects = new ObjectOutputStream(out)) {
        objects.writeObject(apacheFormat(table.raw()));
      }
      Files.move(
          temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  // Apache's file holds a HashMap keyed by byte[]; no lookups happen in it, so identity
  // equality of the array keys does not matter.
  @SuppressWarnings("ArrayAsKeyOfSetOrMap")
  private static Map<byte[], byte[]> apacheFormat(Map<ByteBuffer, byte[]> entries) {
    Map<byte[], byte[]> map = new HashMap<>();
    entries.forEach(
        (key, value) -> {
          byte[] keyBytes = new byte[key.remaining()];
          key.duplicate().get(keyBytes);
          map.put(keyBytes, value);
        });
    return map;
  }

  @Override
  public CompletableFuture<Void> refresh() {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void close() {}
}
