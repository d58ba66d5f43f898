package dev.wharf.registry;

import dev.wharf.core.config.ConfigDefinition;
import dev.wharf.core.config.ConfigKey;
import dev.wharf.core.config.ConfigType;
import dev.wharf.core.config.Validator;
import dev.wharf.registry.schema.CompatibilityLevel;
import dev.wharf.registry.store.Mode;

/**
 * The Schema Registry's configuration keys, under Confluent Schema Registry's own names so that a
 * {@code schema-registry.properties} file works unchanged. Undeclared keys under {@code
 * kafkastore.} (security settings such as {@code kafkastore.security.protocol} or {@code
 * kafkastore.sasl.mechanism}) pass through to the store's Kafka clients without the prefix.
 */
public final class SchemaRegistryConfig {
  public static final String KAFKASTORE_PREFIX = "kafkastore.";

  public static final ConfigKey<String> LISTENERS =
      ConfigKey.builder("listeners", ConfigType.STRING)
          .defaultValue("http://127.0.0.1:8081")
          .doc(
              "Where the registry listens, as http://host:port (port 0 picks a free port). Only the"
                  + " first listener is used and only http is supported.")
          .build();

  public static final ConfigKey<String> HOST_NAME =
      ConfigKey.builder("host.name", ConfigType.STRING)
          .defaultValue("")
          .doc(
              "The host name other instances reach this one by (to forward writes to the leader),"
                  + " also used in url(); the listener's host when empty (127.0.0.1 for a wildcard"
                  + " listener). Each instance needs its own.")
          .build();

  public static final ConfigKey<String> KAFKASTORE_BOOTSTRAP_SERVERS =
      ConfigKey.builder("kafkastore.bootstrap.servers", ConfigType.STRING)
          .defaultValue("")
          .doc(
              "The Kafka cluster that holds the schemas topic, as host:port pairs separated by"
                  + " commas. Required.")
          .build();

  public static final ConfigKey<String> KAFKASTORE_TOPIC =
      ConfigKey.builder("kafkastore.topic", ConfigType.STRING)
          .defaultValue("_schemas")
          .validator(value -> value.isBlank() ? "must not be empty" : null)
          .doc(
              "The compacted, single-partition topic that stores schemas, in Confluent's record"
                  + " format; created when missing.")
          .build();

  public static final ConfigKey<Integer> KAFKASTORE_TOPIC_REPLICATION_FACTOR =
      ConfigKey.builder("kafkastore.topic.replication.factor", ConfigType.INT)
          .defaultValue(3)
          .validator(Validator.range(1, Short.MAX_VALUE))
          .doc(
              "The replication factor of the schemas topic when the registry creates it, capped at"
                  + " the number of live brokers.")
          .build();

  public static final ConfigKey<Integer> KAFKASTORE_TIMEOUT_MS =
      ConfigKey.builder("kafkastore.timeout.ms", ConfigType.INT)
          .defaultValue(500)
          .validator(Validator.range(1, Integer.MAX_VALUE))
          .doc(
              "How long a write waits for Kafka's acknowledgement and for this registry's reader to"
                  + " apply it before answering 50002.")
          .build();

  public static final ConfigKey<Integer> KAFKASTORE_INIT_TIMEOUT_MS =
      ConfigKey.builder("kafkastore.init.timeout.ms", ConfigType.INT)
          .defaultValue(60_000)
          .validator(Validator.range(1, Integer.MAX_VALUE))
          .doc("How long start-up may take to create the schemas topic and read it to its end.")
          .build();

  public static final ConfigKey<String> SCHEMA_COMPATIBILITY_LEVEL =
      ConfigKey.builder("schema.compatibility.level", ConfigType.STRING)
          .defaultValue("backward")
          .validator(
              value ->
                  CompatibilityLevel.fromName(value) == null
                      ? "must be one of none, backward, backward_transitive, forward,"
                          + " forward_transitive, full, full_transitive"
                      : null)
          .doc(
              "The global compatibility level until PUT /config sets another: none, backward,"
                  + " backward_transitive, forward, forward_transitive, full or full_transitive.")
          .build();

  public static final ConfigKey<Boolean> MODE_MUTABILITY =
      ConfigKey.builder("mode.mutability", ConfigType.BOOLEAN)
          .defaultValue(true)
          .doc("Whether PUT /mode may change the mode (" + Mode.READWRITE + " otherwise, always).")
          .build();

  public static final ConfigKey<String> GROUP_ID =
      ConfigKey.builder("schema.registry.group.id", ConfigType.STRING)
          .defaultValue("schema-registry")
          .doc(
              "The Kafka group the registry instances of one schemas topic join to elect their"
                  + " leader; also reported by GET /v1/metadata/id.")
          .build();

  public static final ConfigKey<Boolean> LEADER_ELIGIBILITY =
      ConfigKey.builder("leader.eligibility", ConfigType.BOOLEAN)
          .defaultValue(true)
          .doc(
              "Whether this instance may be elected leader, the one instance that writes to the"
                  + " schemas topic; the eligible instance with the smallest URL leads, the others"
                  + " forward writes to it.")
          .build();

  public static final ConfigKey<Integer> LEADER_CONNECT_TIMEOUT_MS =
      ConfigKey.builder("leader.connect.timeout.ms", ConfigType.INT)
          .defaultValue(60_000)
          .validator(Validator.range(1, Integer.MAX_VALUE))
          .doc("How long a follower waits to connect to the leader when forwarding a write.")
          .build();

  public static final ConfigKey<Integer> LEADER_READ_TIMEOUT_MS =
      ConfigKey.builder("leader.read.timeout.ms", ConfigType.INT)
          .defaultValue(60_000)
          .validator(Validator.range(1, Integer.MAX_VALUE))
          .doc("How long a follower waits for the leader's answer to a forwarded write.")
          .build();

  private SchemaRegistryConfig() {}

  /** Every key above plus the {@code kafkastore.} client pass-through. */
  public static ConfigDefinition definition() {
    return ConfigDefinition.builder()
        .add(LISTENERS)
        .add(HOST_NAME)
        .add(KAFKASTORE_BOOTSTRAP_SERVERS)
        .add(KAFKASTORE_TOPIC)
        .add(KAFKASTORE_TOPIC_REPLICATION_FACTOR)
        .add(KAFKASTORE_TIMEOUT_MS)
        .add(KAFKASTORE_INIT_TIMEOUT_MS)
        .add(SCHEMA_COMPATIBILITY_LEVEL)
        .add(MODE_MUTABILITY)
        .add(GROUP_ID)
        .add(LEADER_ELIGIBILITY)
        .add(LEADER_CONNECT_TIMEOUT_MS)
        .add(LEADER_READ_TIMEOUT_MS)
        .passThrough(KAFKASTORE_PREFIX)
        .build();
  }
}
