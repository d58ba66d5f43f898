package dev.wharf.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOffsetStoreTest {
  @TempDir Path dir;

  @Test
  void offsetsSurviveARestart() {
    Path file = dir.resolve("connect.offsets");
    FileOffsetStore store = new FileOffsetStore(file);
    store.start();
    store.write("foo", Map.of(Map.of("filename", "/tmp/a"), Map.of("position", 42))).join();
    store.write("foo", Map.of(Map.of("filename", "/tmp/b"), Map.of("position", 7))).join();
    store.close();

    FileOffsetStore restarted = new FileOffsetStore(file);
    restarted.start();

    assertThat(restarted.offsets("foo"))
        .isEqualTo(
            Map.of(
                Map.of("filename", "/tmp/a"), Map.of("position", 42L),
                Map.of("filename", "/tmp/b"), Map.of("position", 7L)));
  }

  @Test
  @SuppressWarnings("ArrayAsKeyOfSetOrMap") // Apache's format; nothing is looked up in the map.
  void readsAFileInTheFormatOfApacheStandaloneWorkers() throws Exception {
    Path file = dir.resolve("apache.offsets");
    // What Apache's FileOffsetBackingStore writes: a serialized HashMap<byte[], byte[]>.
    HashMap<byte[], byte[]> apache = new HashMap<>();
    apache.put(bytes("[\"foo\",{\"filename\":\"/tmp/a\"}]"), bytes("{\"position\":42}"));
    try (OutputStream out = Files.newOutputStream(file);
        ObjectOutputStream objects = new ObjectOutputStream(out)) {
      objects.writeObject(apache);
    }

    FileOffsetStore store = new FileOffsetStore(file);
    store.start();

    assertThat(store.offset("foo", Map.of("filename", "/tmp/a")))
        .isEqualTo(Map.of("position", 42L));
  }

  @Test
  void writesAFileInTheFormatOfApacheStandaloneWorkers() throws Exception {
    Path file = dir.resolve("wharf.offsets");
    FileOffsetStore store = new FileOffsetStore(file);
    store.start();
    store.write("foo", Map.of(Map.of("filename", "/tmp/a"), Map.of("position", 42))).join();

    Object stored;
    try (ObjectInputStream objects = new ObjectInputStream(Files.newInputStream(file))) {
      stored = objects.readObject();
    }

    assertThat(stored).isInstanceOf(HashMap.class);
    @SuppressWarnings("unchecked")
    Map<byte[], byte[]> entries = (Map<byte[], byte[]>) stored;
    assertThat(
            entries.entrySet().stream()
                .map(e -> text(e.getKey()) + " => " + text(e.getValue()))
                .collect(Collectors.toList()))
        .isEqualTo(List.of("[\"foo\",{\"filename\":\"/tmp/a\"}] => {\"position\":42}"));
  }

  @Test
  void aFileHoldingOtherClassesIsRefused() throws Exception {
    Path file = dir.resolve("tampered.offsets");
    try (OutputStream out = Files.newOutputStream(file);
        ObjectOutputStream objects = new ObjectOutputStream(out)) {
      objects.writeObject(new HashMap<>(Map.of("key", "value")));
    }

    assertThatThrownBy(() -> new FileOffsetStore(file).start())
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining(file.toString());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
