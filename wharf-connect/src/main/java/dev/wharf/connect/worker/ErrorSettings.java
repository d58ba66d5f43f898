package dev.wharf.connect.worker;

import java.util.Locale;
import java.util.Map;

/**
 * A connector's {@code errors.*} settings, with Apache Kafka Connect's names and defaults.
 *
 * @param retryTimeoutMs {@code errors.retry.timeout}: 0 (no retries) by default, -1 for forever
 * @param retryMaxDelayMs {@code errors.retry.delay.max.ms}, 60000 by default
 * @param tolerateAll {@code errors.tolerance=all} (default {@code none})
 * @param logEnabled {@code errors.log.enable}
 * @param logIncludeMessages {@code errors.log.include.messages}
 * @param deadLetterTopic {@code errors.deadletterqueue.topic.name}, empty when none
 * @param deadLetterReplicationFactor {@code errors.deadletterqueue.topic.replication.factor}
 * @param deadLetterContextHeaders {@code errors.deadletterqueue.context.headers.enable}
 */
public record ErrorSettings(
    long retryTimeoutMs,
    long retryMaxDelayMs,
    boolean tolerateAll,
    boolean logEnabled,
    boolean logIncludeMessages,
    String deadLetterTopic,
    short deadLetterReplicationFactor,
    boolean deadLetterContextHeaders) {

  public static ErrorSettings parse(Map<String, String> config) {
    long timeout = Long.parseLong(config.getOrDefault("errors.retry.timeout", "0").trim());
    return new ErrorSettings(
        timeout < 0 ? Long.MAX_VALUE / 2 : timeout,
        Long.parseLong(config.getOrDefault("errors.retry.delay.max.ms", "60000").trim()),
        "all"
            .equals(
                config.getOrDefault("errors.tolerance", "none").trim().toLowerCase(Locale.ROOT)),
        Boolean.parseBoolean(config.getOrDefault("errors.log.enable", "false").trim()),
        Boolean.parseBoolean(config.getOrDefault("errors.log.include.messages", "false").trim()),
        config.getOrDefault("errors.deadletterqueue.topic.name", "").trim(),
        Short.parseShort(
            config.getOrDefault("errors.deadletterqueue.topic.replication.factor", "3").trim()),
        Boolean.parseBoolean(
            config.getOrDefault("errors.deadletterqueue.context.headers.enable", "false").trim()));
  }
}
