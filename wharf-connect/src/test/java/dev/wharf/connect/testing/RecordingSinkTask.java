package dev.wharf.connect.testing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * Keeps every record it is given, per {@code recorder} name, for tests to read; throws from put()
 * for a record whose value equals {@code fail.on}; with {@code rewind.once} rewinds its partitions
 * to offset 0 after the first batch, with {@code request.commit} asks for a commit after each.
 */
public class RecordingSinkTask extends SinkTask {
  static final Map<String, List<SinkRecord>> RECORDED = new ConcurrentHashMap<>();

  private List<SinkRecord> records;
  private String failOn;
  private boolean rewindOnce;
  private boolean requestCommit;

  public static List<SinkRecord> recorded(String recorder) {
    return RECORDED.computeIfAbsent(recorder, k -> new CopyOnWriteArrayList<>());
  }

  @Override
  public String version() {
    return "1.0";
  }

  @Override
  public void start(Map<String, String> props) {
    records = recorded(props.get("recorder"));
    failOn = props.get("fail.on");
    rewindOnce = Boolean.parseBoolean(props.get("rewind.once"));
    requestCommit = Boolean.parseBoolean(props.get("request.commit"));
  }

  @Override
  public void put(Collection<SinkRecord> batch) {
    for (SinkRecord record : batch) {
      if (failOn != null && failOn.equals(String.valueOf(record.value()))) {
        throw new IllegalArgumentException("cannot store " + record.value());
      }
      records.add(record);
    }
    if (rewindOnce && !batch.isEmpty()) {
      // Replays everything once, through SinkTaskContext.offset(), as a sink recovering would.
      rewindOnce = false;
      for (org.apache.kafka.common.TopicPartition partition : context.assignment()) {
        context.offset(partition, 0);
      }
    }
    if (requestCommit) {
      context.requestCommit();
    }
  }

  @Override
  public void stop() {}
}
