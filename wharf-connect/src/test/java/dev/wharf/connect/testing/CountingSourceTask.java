package dev.wharf.connect.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * Emits {@code value-<n>} for n = 0, 1, 2... to {@code topic}, {@code batch} records per poll, up
 * to {@code count}, resuming after the last stored offset; fails in poll when {@code fail.at} is
 * reached.
 */
public class CountingSourceTask extends SourceTask {
  public static final Map<String, String> PARTITION = Map.of("source", "counter");
  private static final Map<String, Boolean> FAILED_ONCE = new ConcurrentHashMap<>();

  private String topic;
  private Map<String, String> partition;
  private long next;
  private long count;
  private int batch;
  private long failAt;
  private long failOnceAt;
  private String failOnceKey;
  private long pollSleepMs;

  @Override
  public String version() {
    return "1.0";
  }

  @Override
  public void start(Map<String, String> props) {
    topic = props.get("topic");
    partition = Map.of("source", props.getOrDefault("partition", "counter"));
    count = Long.parseLong(props.getOrDefault("count", "1000"));
    batch = Integer.parseInt(props.getOrDefault("batch", "10"));
    failAt = Long.parseLong(props.getOrDefault("fail.at", "-1"));
    failOnceAt = Long.parseLong(props.getOrDefault("fail.once.at", "-1"));
    failOnceKey = props.get("name") + "/" + topic;
    pollSleepMs = Long.parseLong(props.getOrDefault("poll.sleep.ms", "0"));
    Map<String, Object> offset = context.offsetStorageReader().offset(partition);
    next = offset == null ? 0 : ((Number) offset.get("n")).longValue() + 1;
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    if (next >= count) {
      Thread.sleep(20);
      return null;
    }
    if (pollSleepMs > 0) {
      Thread.sleep(pollSleepMs); // a source that produces at a steady pace
    }
    List<SourceRecord> records = new ArrayList<>();
    for (int i = 0; i < batch && next < count; i++, next++) {
      if (next == failAt
          || (next == failOnceAt && FAILED_ONCE.putIfAbsent(failOnceKey, Boolean.TRUE) == null)) {
        throw new IllegalStateException("counter broke at " + next);
      }
      records.add(
          new SourceRecord(
              partition, Map.of("n", next), topic, null, Schema.STRING_SCHEMA, "value-" + next));
    }
    return records;
  }

  @Override
  public void stop() {}
}
