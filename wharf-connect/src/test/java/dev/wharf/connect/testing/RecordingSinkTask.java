package dev.wharf.connect.testing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * Keeps every record it is given, per {@code recorder} name, for tests to read; throws from put()
 * for a record whose value equals {@code fail.on}; with {@code rewind.once} rewinds its partitions
 * to offset 0 after the first batch, with {@code request.commit} asks for a commit after each. With
 * {@code retry.timeout.ms} the first non-empty batch sets that {@link
 * org.apache.kafka.connect.sink.SinkTaskContext#timeout} and throws a {@link RetriableException}
 * (every non-empty put() is timed in {@link #putTimes}); with {@code pause.partition} it pauses
 * that partition (of every assigned topic) when the partition is opened, and resumes it once it is
 * given a record whose value is {@code resume.on}.
 */
public class RecordingSinkTask extends SinkTask {
  static final Map<String, List<SinkRecord>> RECORDED = new ConcurrentHashMap<>();
  static final Map<String, List<Long>> PUT_TIMES = new ConcurrentHashMap<>();
  static final Map<String, AtomicInteger> STARTS = new ConcurrentHashMap<>();

  private List<SinkRecord> records;
  private String failOn;
  private boolean rewindOnce;
  private boolean requestCommit;
  private long retryTimeoutMs = -1;
  private List<Long> putTimes;
  private int pausePartition = -1;
  private String resumeOn;

  public static List<SinkRecord> recorded(String recorder) {
    return RECORDED.computeIfAbsent(recorder, k -> new CopyOnWriteArrayList<>());
  }

  /** How many times a task of {@code recorder} was started, on any worker of this JVM. */
  public static int starts(String recorder) {
    return STARTS.computeIfAbsent(recorder, k -> new AtomicInteger()).get();
  }

  /** When each non-empty put() of {@code recorder}'s tasks was called, in milliseconds. */
  public static List<Long> putTimes(String recorder) {
    return PUT_TIMES.computeIfAbsent(recorder, k -> new CopyOnWriteArrayList<>());
  }

  @Override
  public String version() {
    return "1.0";
  }

  @Override
  public void start(Map<String, String> props) {
    records = recorded(props.get("recorder"));
    STARTS.computeIfAbsent(props.get("recorder"), k -> new AtomicInteger()).incrementAndGet();
    failOn = props.get("fail.on");
    rewindOnce = Boolean.parseBoolean(props.get("rewind.once"));
    requestCommit = Boolean.parseBoolean(props.get("request.commit"));
    retryTimeoutMs = Long.parseLong(props.getOrDefault("retry.timeout.ms", "-1"));
    putTimes = putTimes(props.get("recorder"));
    pausePartition = Integer.parseInt(props.getOrDefault("pause.partition", "-1"));
    resumeOn = props.get("resume.on");
  }

  @Override
  public void open(Collection<TopicPartition> partitions) {
    for (TopicPartition partition : partitions) {
      if (partition.partition() == pausePartition) {
        context.pause(partition);
      }
    }
  }

  @Override
  public void put(Collection<SinkRecord> batch) {
    if (!batch.isEmpty()) {
      putTimes.add(System.currentTimeMillis());
    }
    if (retryTimeoutMs >= 0 && !batch.isEmpty()) {
      context.timeout(retryTimeoutMs);
      retryTimeoutMs = -1;
      throw new RetriableException("not yet: retry in a moment");
    }
    for (SinkRecord record : batch) {
      if (failOn != null && failOn.equals(String.valueOf(record.value()))) {
        throw new IllegalArgumentException("cannot store " + record.value());
      }
      records.add(record);
      if (resumeOn != null && resumeOn.equals(String.valueOf(record.value()))) {
        for (TopicPartition partition : context.assignment()) {
          if (partition.partition() == pausePartition) {
            context.resume(partition);
          }
        }
      }
    }
    if (rewindOnce && !batch.isEmpty()) {
      // Replays everything once, through SinkTaskContext.offset(), as a sink recovering would.
      rewindOnce = false;
      for (TopicPartition partition : context.assignment()) {
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
