package dev.wharf.connect;

import dev.wharf.core.config.Config;
import dev.wharf.core.config.ConfigDefinition;
import dev.wharf.core.config.ConfigKey;
import dev.wharf.core.config.ConfigSource;
import dev.wharf.core.config.ConfigType;
import dev.wharf.core.config.Validator;
import java.util.List;
import java.util.Map;

/**
 * The Connect worker's keys, under Apache Kafka Connect's own names so that a {@code
 * connect-distributed.properties} file works unchanged. Only the keys Wharf acts on are declared
 * here; every other key (client settings under {@code producer.}, {@code consumer.}, {@code
 * admin.}, {@code config.providers.*}, converter settings, and keys of Apache features Wharf
 * ignores) is accepted and passed along, as Apache's worker does.
 */
public final class ConnectConfig {
  public static final ConfigKey<String> BOOTSTRAP_SERVERS =
      string("bootstrap.servers", "localhost:9092", "The Kafka cluster the worker uses.");

  public static final ConfigKey<String> GROUP_ID =
      string(
          "group.id",
          "wharf-connect",
          "The Connect cluster this worker belongs to; workers with the same group.id share work.");

  public static final ConfigKey<String> LISTENERS =
      string(
          "listeners",
          "http://127.0.0.1:8083",
          "Where the REST API listens, as http://host:port (port 0 picks a free port); the first"
              + " http listener is used.");

  public static final ConfigKey<String> ADVERTISED_HOST =
      string(
          "rest.advertised.host.name",
          "",
          "Host name other workers and the status API use for this worker; the listener's host when"
              + " empty.");

  public static final ConfigKey<Integer> ADVERTISED_PORT =
      ConfigKey.builder("rest.advertised.port", ConfigType.INT)
          .defaultValue(0)
          .validator(Validator.port())
          .doc("Port advertised for this worker; the listener's port when 0.")
          .build();

  public static final ConfigKey<Long> REBALANCE_DELAY_MS =
      ConfigKey.builder("scheduled.rebalance.max.delay.ms", ConfigType.LONG)
          .defaultValue(10_000L)
          .validator(v -> v >= 0 ? null : "must not be negative")
          .doc(
              "Grace period of a Connect cluster: how long the work of a worker that vanished"
                  + " without leaving the group stays unassigned, waiting for it to come back,"
                  + " before it moves to the other workers. Apache's default is 300000; Wharf's is"
                  + " 10000. A worker that leaves gracefully hands its work over at once.")
          .build();

  public static final ConfigKey<Integer> SESSION_TIMEOUT_MS =
      ConfigKey.builder("session.timeout.ms", ConfigType.INT)
          .defaultValue(10_000)
          .validator(Validator.range(1, Integer.MAX_VALUE))
          .doc(
              "How long the group waits for a worker's heartbeat before it considers the worker"
                  + " dead and rebalances.")
          .build();

  public static final ConfigKey<Integer> HEARTBEAT_INTERVAL_MS =
      ConfigKey.builder("heartbeat.interval.ms", ConfigType.INT)
          .defaultValue(3_000)
          .validator(Validator.range(1, Integer.MAX_VALUE))
          .doc("How often a worker heartbeats to the group coordinator.")
          .build();

  public static final ConfigKey<Integer> REBALANCE_TIMEOUT_MS =
      ConfigKey.builder("rebalance.timeout.ms", ConfigType.INT)
          .defaultValue(60_000)
          .validator(Validator.range(1, Integer.MAX_VALUE))
          .doc(
              "How long a worker may take to stop its revoked work and rejoin during a"
                  + " rebalance.")
          .build();

  public static final ConfigKey<String> EXACTLY_ONCE_SOURCE_SUPPORT =
      ConfigKey.builder("exactly.once.source.support", ConfigType.STRING)
          .defaultValue("disabled")
          .validator(
              v ->
                  List.of("disabled", "preparing", "enabled")
                          .contains(v.trim().toLowerCase(java.util.Locale.ROOT))
                      ? null
                      : "must be one of disabled, preparing, enabled")
          .doc(
              "KIP-618: enabled runs source tasks with transactional producers that commit records"
                  + " and their offsets together and fence zombie instances; preparing and"
                  + " disabled run them at least once, as before.")
          .build();

  public static final ConfigKey<String> KEY_GENERATION_ALGORITHM =
      ConfigKey.builder("inter.worker.key.generation.algorithm", ConfigType.STRING)
          .defaultValue("HmacSHA256")
          .validator(v -> JcaAlgorithms.keyGenerator(v.trim()))
          .doc(
              "KIP-507: the algorithm the leader generates the session key with, which workers sign"
                  + " their internal requests with; one of the JVM's KeyGenerator algorithms.")
          .build();

  public static final ConfigKey<Integer> KEY_SIZE =
      ConfigKey.builder("inter.worker.key.size", ConfigType.INT)
          .defaultValue(0)
          .validator(v -> v >= 0 ? null : "must not be negative")
          .doc(
              "Size in bits of the session key; 0 uses the key generation algorithm's default (as"
                  + " Apache does when the key is unset).")
          .build();

  public static final ConfigKey<Long> KEY_TTL_MS =
      ConfigKey.builder("inter.worker.key.ttl.ms", ConfigType.LONG)
          .defaultValue(3_600_000L)
          .validator(v -> v >= 0 ? null : "must not be negative")
          .doc("How long a session key is used before the leader publishes a new one.")
          .build();

  public static final ConfigKey<String> SIGNATURE_ALGORITHM =
      ConfigKey.builder("inter.worker.signature.algorithm", ConfigType.STRING)
          .defaultValue("HmacSHA256")
          .validator(v -> JcaAlgorithms.mac(v.trim()))
          .doc(
              "The MAC algorithm this worker signs internal requests with (header"
                  + " X-Connect-Request-Signature-Algorithm); must be one of"
                  + " inter.worker.verification.algorithms.")
          .build();

  public static final ConfigKey<List<String>> VERIFICATION_ALGORITHMS =
      ConfigKey.builder("inter.worker.verification.algorithms", ConfigType.LIST)
          .defaultValue(List.of("HmacSHA256"))
          .validator(
              v -> {
                if (v.isEmpty()) {
                  return "must name at least one algorithm";
                }
                for (String algorithm : v) {
                  String error = JcaAlgorithms.mac(algorithm);
                  if (error != null) {
                    return error;
                  }
                }
                return null;
              })
          .doc(
              "The MAC algorithms this worker accepts on signed internal requests (POST"
                  + " /connectors/{name}/tasks, PUT /connectors/{name}/fence); others get 400.")
          .build();

  public static final ConfigKey<String> CONFIG_TOPIC =
      string(
          "config.storage.topic",
          "_wharf-connect-configs",
          "Compacted topic of connector configs.");

  public static final ConfigKey<String> OFFSET_TOPIC =
      string(
          "offset.storage.topic", "_wharf-connect-offsets", "Compacted topic of source offsets.");

  public static final ConfigKey<String> STATUS_TOPIC =
      string("status.storage.topic", "_wharf-connect-status", "Compacted topic of statuses.");

  public static final ConfigKey<Integer> CONFIG_REPLICATION =
      replication("config.storage.replication.factor", "config");

  public static final ConfigKey<Integer> OFFSET_REPLICATION =
      replication("offset.storage.replication.factor", "offset");

  public static final ConfigKey<Integer> STATUS_REPLICATION =
      replication("status.storage.replication.factor", "status");

  public static final ConfigKey<Integer> OFFSET_PARTITIONS =
      ConfigKey.builder("offset.storage.partitions", ConfigType.INT)
          .defaultValue(25)
          .validator(Validator.range(1, 10_000))
          .doc("Partitions of the offset topic when Wharf creates it.")
          .build();

  public static final ConfigKey<Integer> STATUS_PARTITIONS =
      ConfigKey.builder("status.storage.partitions", ConfigType.INT)
          .defaultValue(5)
          .validator(Validator.range(1, 10_000))
          .doc("Partitions of the status topic when Wharf creates it.")
          .build();

  public static final ConfigKey<String> KEY_CONVERTER =
      string(
          "key.converter",
          "org.apache.kafka.connect.json.JsonConverter",
          "Converter for record keys of connectors that set none (Apache requires it; Wharf"
              + " defaults to JSON).");

  public static final ConfigKey<String> VALUE_CONVERTER =
      string(
          "value.converter",
          "org.apache.kafka.connect.json.JsonConverter",
          "Converter for record values of connectors that set none.");

  public static final ConfigKey<Long> OFFSET_FLUSH_INTERVAL_MS =
      ConfigKey.builder("offset.flush.interval.ms", ConfigType.LONG)
          .defaultValue(10_000L)
          .doc(
              "How often source offsets and sink commits are written. Apache's default is 60000;"
                  + " Wharf's is 10000, so a crash repeats at most 10 s of records.")
          .build();

  public static final ConfigKey<Long> OFFSET_FLUSH_TIMEOUT_MS =
      ConfigKey.builder("offset.flush.timeout.ms", ConfigType.LONG)
          .defaultValue(5_000L)
          .doc("How long a source offset flush may wait for Kafka before it is retried.")
          .build();

  public static final ConfigKey<String> PLUGIN_PATH =
      string(
          "plugin.path",
          "",
          "Directories of connector plugins, separated by commas; each JAR, uber-JAR or class"
              + " directory below them is one isolated plugin.");

  public static final ConfigKey<String> PLUGIN_DISCOVERY =
      string(
          "plugin.discovery",
          "hybrid_warn",
          "How plugins are found: only_scan, hybrid_warn, hybrid_fail or service_load.");

  public static final ConfigKey<String> OVERRIDE_POLICY =
      string(
          "connector.client.config.override.policy",
          "All",
          "Which producer.override.*, consumer.override.* and admin.override.* keys connectors may"
              + " set: None, Principal, All, or a policy plugin's class.");

  public static final ConfigKey<Boolean> TOPIC_CREATION_ENABLE =
      ConfigKey.builder("topic.creation.enable", ConfigType.BOOLEAN)
          .defaultValue(true)
          .doc("Whether source connectors may create their topics with topic.creation.* settings.")
          .build();

  public static final ConfigKey<String> OFFSET_FILE =
      string(
          "offset.storage.file.filename",
          "",
          "Standalone mode only: the file that keeps source offsets.");

  public static final ConfigKey<String> FILE_ALLOWED_PATHS =
      string(
          "file.allowed.paths",
          "",
          "Directories the file connectors may read and write, separated by commas; empty allows"
              + " every path the worker can reach, as Apache's do (a risk when untrusted users can"
              + " create connectors).");

  public static final ConfigKey<Boolean> METRICS_ENABLED =
      ConfigKey.builder("metrics.enabled", ConfigType.BOOLEAN)
          .defaultValue(true)
          .doc(
              "Whether tasks count their records for GET /metrics and GET /connectors/{name}/metrics"
                  + " (false only to measure what the counting costs).")
          .build();

  public static final ConfigKey<Boolean> CONNECTOR_LOGS_ENABLED =
      ConfigKey.builder("connector.logs.enabled", ConfigType.BOOLEAN)
          .defaultValue(true)
          .doc(
              "Whether the log lines of each connector and task are kept in memory for GET"
                  + " /connectors/{name}/logs.")
          .build();

  public static final ConfigKey<Integer> CONNECTOR_LOGS_LINES =
      ConfigKey.builder("connector.logs.buffer.lines", ConfigType.INT)
          .defaultValue(1000)
          .validator(Validator.range(10, 1_000_000))
          .doc(
              "The most log lines kept per connector (its tasks' included); older ones are dropped.")
          .build();

  public static final ConfigKey<Integer> CONNECTOR_LOGS_BYTES =
      ConfigKey.builder("connector.logs.buffer.bytes", ConfigType.INT)
          .defaultValue(1024 * 1024)
          .validator(Validator.range(64 * 1024, 1024 * 1024 * 1024))
          .doc(
              "The most memory, in bytes (estimated), the kept log lines of one connector may use;"
                  + " older lines are dropped first.")
          .build();

  private static final ConfigDefinition DEFINITION =
      ConfigDefinition.builder()
          .add(BOOTSTRAP_SERVERS)
          .add(GROUP_ID)
          .add(REBALANCE_DELAY_MS)
          .add(SESSION_TIMEOUT_MS)
          .add(HEARTBEAT_INTERVAL_MS)
          .add(REBALANCE_TIMEOUT_MS)
          .add(EXACTLY_ONCE_SOURCE_SUPPORT)
          .add(KEY_GENERATION_ALGORITHM)
          .add(KEY_SIZE)
          .add(KEY_TTL_MS)
          .add(SIGNATURE_ALGORITHM)
          .add(VERIFICATION_ALGORITHMS)
          .add(LISTENERS)
          .add(ADVERTISED_HOST)
          .add(ADVERTISED_PORT)
          .add(KEY_CONVERTER)
          .add(VALUE_CONVERTER)
          .add(CONFIG_TOPIC)
          .add(OFFSET_TOPIC)
          .add(STATUS_TOPIC)
          .add(CONFIG_REPLICATION)
          .add(OFFSET_REPLICATION)
          .add(STATUS_REPLICATION)
          .add(OFFSET_PARTITIONS)
          .add(STATUS_PARTITIONS)
          .add(OFFSET_FLUSH_INTERVAL_MS)
          .add(OFFSET_FLUSH_TIMEOUT_MS)
          .add(PLUGIN_PATH)
          .add(PLUGIN_DISCOVERY)
          .add(OVERRIDE_POLICY)
          .add(TOPIC_CREATION_ENABLE)
          .add(OFFSET_FILE)
          .add(FILE_ALLOWED_PATHS)
          .add(METRICS_ENABLED)
          .add(CONNECTOR_LOGS_ENABLED)
          .add(CONNECTOR_LOGS_LINES)
          .add(CONNECTOR_LOGS_BYTES)
          .passThrough("")
          .build();

  private ConnectConfig() {}

  public static ConfigDefinition definition() {
    return DEFINITION;
  }

  /** Parses worker properties, as read from a file or the combined config's {@code connect.*}. */
  public static Config parse(String source, Map<String, String> properties) {
    return DEFINITION.parse(List.of(new ConfigSource(source, properties)));
  }

  private static ConfigKey<String> string(String name, String defaultValue, String doc) {
    return ConfigKey.builder(name, ConfigType.STRING).defaultValue(defaultValue).doc(doc).build();
  }

  private static ConfigKey<Integer> replication(String name, String topic) {
    return ConfigKey.builder(name, ConfigType.INT)
        .defaultValue(-1)
        .validator(
            value ->
                value == -1 || (value >= 1 && value <= Short.MAX_VALUE)
                    ? null
                    : "must be -1 (the broker's default) or at least 1")
        .doc(
            "Replication factor of the "
                + topic
                + " topic when Wharf creates it; -1 uses the broker's default (Apache's default is"
                + " 3, which fails on a single broker).")
        .build();
  }
}
