package dev.wharf.connect.worker;

/**
 * Worker-wide settings the task runners use, with Apache Kafka Connect's key names.
 *
 * @param offsetFlushIntervalMs {@code offset.flush.interval.ms} (60000)
 * @param offsetFlushTimeoutMs {@code offset.flush.timeout.ms} (5000)
 * @param topicCreationEnable {@code topic.creation.enable} (true)
 */
public record WorkerSettings(
    long offsetFlushIntervalMs, long offsetFlushTimeoutMs, boolean topicCreationEnable) {

  public static WorkerSettings defaults() {
    return new WorkerSettings(60_000, 5_000, true);
  }
}
