package dev.wharf.connect.worker;

import dev.wharf.connect.storage.TaskId;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * How a source task writes when the worker runs with {@code exactly.once.source.support=enabled}
 * (KIP-618): its producer is transactional with Apache's id {@code <group.id>-<connector>-<task>},
 * so a new instance of the task fences any zombie, and records and their source offsets are
 * committed in one transaction, whose boundary is each poll, an interval, or the connector's
 * choice.
 *
 * @param transactionalId the task producer's {@code transactional.id}
 * @param boundary where transactions end
 * @param intervalMs the commit interval when {@code boundary} is {@link Boundary#INTERVAL}
 * @param offsetsTopic the topic the offsets are written to, inside the transaction
 */
public record ExactlyOnce(
    String transactionalId, Boundary boundary, long intervalMs, String offsetsTopic) {

  public static final String WORKER_KEY = "exactly.once.source.support";
  public static final String SUPPORT_KEY = "exactly.once.support";
  public static final String BOUNDARY_KEY = "transaction.boundary";
  public static final String INTERVAL_KEY = "transaction.boundary.interval.ms";

  /** Connector key {@code transaction.boundary}. */
  public enum Boundary {
    POLL,
    INTERVAL,
    CONNECTOR;

    /** Parses Apache's lower-case names; throws with the allowed values otherwise. */
    public static Boundary parse(String value) {
      String text = value == null ? "poll" : value.trim().toLowerCase(Locale.ROOT);
      switch (text) {
        case "poll":
          return POLL;
        case "interval":
          return INTERVAL;
        case "connector":
          return CONNECTOR;
        default:
          throw new ConnectException(
              "Invalid value "
                  + value
                  + " for configuration "
                  + BOUNDARY_KEY
                  + ": must be one of poll, interval, connector");
      }
    }
  }

  /** Whether the worker's {@code exactly.once.source.support} is {@code enabled}. */
  public static boolean enabled(Map<String, String> workerConfig) {
    return "enabled".equalsIgnoreCase(workerConfig.getOrDefault(WORKER_KEY, "disabled").trim());
  }

  /** The task's exactly-once settings, or null when the worker does not run source tasks so. */
  static ExactlyOnce forTask(
      Map<String, String> workerConfig,
      Map<String, String> connectorConfig,
      TaskId id,
      String offsetsTopic) {
    if (!enabled(workerConfig)) {
      return null;
    }
    Boundary boundary = Boundary.parse(connectorConfig.get(BOUNDARY_KEY));
    long interval =
        Long.parseLong(
            connectorConfig
                .getOrDefault(
                    INTERVAL_KEY, workerConfig.getOrDefault("offset.flush.interval.ms", "10000"))
                .trim());
    String groupId = workerConfig.getOrDefault("group.id", "wharf-connect");
    return new ExactlyOnce(
        id.transactionalId(groupId),
        boundary,
        interval,
        offsetsTopic != null
            ? offsetsTopic
            : workerConfig.getOrDefault("offset.storage.topic", "_wharf-connect-offsets"));
  }

  /** Makes a task producer config transactional. */
  void configure(Map<String, Object> producerConfig) {
    producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    // A transaction must finish within the transaction timeout; unbounded delivery is not allowed.
    producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
  }
}
