package dev.wharf.connect.testing;

import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs on every poll through its own logger: {@code poll <n>} at INFO, a WARN on every third poll,
 * an ERROR with an exception on every tenth, and its secrets once at start. With {@code line.chars}
 * set, each poll also logs {@code lines.per.poll} lines of that size: a flood. With {@code topic}
 * set, each poll returns one record {@code poll <n>} for that topic.
 */
public class ChattySourceTask extends SourceTask {
  private static final Logger log = LoggerFactory.getLogger(ChattySourceTask.class);

  private long polls;
  private long sleepMs;
  private int lineChars;
  private int linesPerPoll;
  private String topic;

  @Override
  public String version() {
    return "1.0";
  }

  @Override
  public void start(Map<String, String> props) {
    sleepMs = Long.parseLong(props.getOrDefault("poll.sleep.ms", "20"));
    lineChars = Integer.parseInt(props.getOrDefault("line.chars", "0"));
    linesPerPoll = Integer.parseInt(props.getOrDefault("lines.per.poll", "1"));
    topic = props.get("topic");
    log.info(
        "connecting with credential {} and token {}",
        props.get("api.credential"),
        props.get("token"));
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    long n = polls++;
    log.info("poll {}", n);
    if (n % 3 == 0) {
      log.warn("poll {} is a multiple of three", n);
    }
    if (n % 10 == 0) {
      log.error("poll {} is a multiple of ten", n, new IllegalStateException("tenth poll " + n));
    }
    if (lineChars > 0) {
      String filler = "x".repeat(lineChars);
      for (int i = 0; i < linesPerPoll; i++) {
        log.info("flood {} {}", i, filler);
      }
    }
    Thread.sleep(sleepMs);
    if (topic == null) {
      return null;
    }
    return List.of(
        new SourceRecord(
            Map.of("chatty", "poll"),
            Map.of("n", n),
            topic,
            org.apache.kafka.connect.data.Schema.STRING_SCHEMA,
            "poll " + n));
  }

  @Override
  public void stop() {}
}
