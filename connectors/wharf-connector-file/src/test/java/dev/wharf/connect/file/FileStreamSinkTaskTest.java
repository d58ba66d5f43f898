package dev.wharf.connect.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStreamSinkTaskTest {
  @TempDir Path dir;

  private static SinkRecord record(String topic, int partition, Object value, long offset) {
    return new SinkRecord(
        topic, partition, null, null, Schema.OPTIONAL_STRING_SCHEMA, value, offset);
  }

  @Test
  void recordsLargerThanTheBufferAndManySmallOnesAreWrittenWholeAndInOrder() throws IOException {
    Path out = dir.resolve("${topic}-${partition}.txt");
    FileStreamSinkTask task = new FileStreamSinkTask();
    task.start(Map.of("file", out.toString(), "topics", "t"));
    String big = "é".repeat(150_000); // 300 KB of UTF-8, several times the write buffer
    List<SinkRecord> batch = new ArrayList<>();
    List<String> expected0 = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      String value = i == 2500 ? big : "line " + i;
      batch.add(record("t", i % 2, value, i));
      if (i % 2 == 0) {
        expected0.add(value);
      }
    }
    task.put(batch);
    task.flush(Map.of());
    task.stop();

    assertThat(Files.readAllLines(dir.resolve("t-0.txt"), StandardCharsets.UTF_8))
        .containsExactlyElementsOf(expected0);
    assertThat(Files.readAllLines(dir.resolve("t-1.txt"), StandardCharsets.UTF_8))
        .hasSize(2500)
        .startsWith("line 1", "line 3")
        .endsWith("line 4999");
  }
}
