package dev.wharf.proxy;

import dev.wharf.core.config.ConfigDefinition;
import dev.wharf.core.config.ConfigKey;
import dev.wharf.core.config.ConfigType;
import dev.wharf.core.config.Validator;

/**
 * The REST Proxy's configuration keys, under Confluent REST Proxy's own names so that a {@code
 * kafka-rest.properties} file works unchanged. Keys the proxy owns are never forwarded to a Kafka
 * client, even when they start with a client prefix such as {@code consumer.}: only undeclared keys
 * under {@code client.}, {@code producer.}, {@code consumer.} and {@code admin.} pass through.
 */
public final class RestProxyConfig {
  public static final ConfigKey<String> LISTENERS =
      ConfigKey.builder("listeners", ConfigType.STRING)
          .defaultValue("http://127.0.0.1:8082")
          .doc(
              "Where the proxy listens, as http://host:port (port 0 picks a free port). Only the"
                  + " first listener is used and only http is supported.")
          .build();

  public static final ConfigKey<String> BOOTSTRAP_SERVERS =
      ConfigKey.builder("bootstrap.servers", ConfigType.STRING)
          .defaultValue("")
          .doc("The Kafka cluster to connect to, as host:port pairs separated by commas. Required.")
          .build();

  public static final ConfigKey<String> ID =
      ConfigKey.builder("id", ConfigType.STRING)
          .defaultValue("")
          .doc(
              "This proxy's id, part of generated consumer instance names so that two proxies"
                  + " never generate the same one.")
          .build();

  public static final ConfigKey<String> HOST_NAME =
      ConfigKey.builder("host.name", ConfigType.STRING)
          .defaultValue("")
          .doc(
              "Host name used in consumer base_uri values when advertised.listeners is not set"
                  + " (deprecated in Confluent, still honoured).")
          .build();

  public static final ConfigKey<String> ADVERTISED_LISTENERS =
      ConfigKey.builder("advertised.listeners", ConfigType.STRING)
          .defaultValue("")
          .doc(
              "The URL clients should use to reach this proxy, as http://host:port; it prefixes"
                  + " every consumer base_uri. Set it when the proxy is behind a load balancer.")
          .build();

  public static final ConfigKey<Long> CONSUMER_INSTANCE_TIMEOUT_MS =
      ConfigKey.builder("consumer.instance.timeout.ms", ConfigType.LONG)
          .defaultValue(300_000L)
          .validator(positive())
          .doc(
              "How long a consumer instance may sit idle before the proxy closes it; later requests"
                  + " for it get 404 with error code 40403.")
          .build();

  public static final ConfigKey<Long> CONSUMER_REQUEST_TIMEOUT_MS =
      ConfigKey.builder("consumer.request.timeout.ms", ConfigType.LONG)
          .defaultValue(1000L)
          .validator(positive())
          .doc(
              "The longest a records request waits for data; the timeout query parameter can only"
                  + " shorten it.")
          .build();

  public static final ConfigKey<Long> CONSUMER_REQUEST_MAX_BYTES =
      ConfigKey.builder("consumer.request.max.bytes", ConfigType.LONG)
          .defaultValue(64L * 1024 * 1024)
          .validator(positive())
          .doc(
              "The most key and value bytes one records response carries; the max_bytes query"
                  + " parameter can only lower it.")
          .build();

  public static final ConfigKey<Integer> CONSUMER_INSTANCES_MAX =
      ConfigKey.builder("consumer.instances.max", ConfigType.INT)
          .defaultValue(500)
          .validator(Validator.range(1, 100_000))
          .doc(
              "Wharf only: the most consumer instances this proxy holds at once; creating one more"
                  + " gets 429 Too Many Requests.")
          .build();

  public static final ConfigKey<Long> REQUEST_MAX_BYTES =
      ConfigKey.builder("request.max.bytes", ConfigType.LONG)
          .defaultValue(10L * 1024 * 1024)
          .validator(positive())
          .doc("Wharf only: the largest request body accepted; a larger one gets 413.")
          .build();

  public static final ConfigKey<Integer> PRODUCE_BATCH_MAX_ENTRIES =
      ConfigKey.builder("api.v3.produce.batch.maximum.entries", ConfigType.INT)
          .defaultValue(10)
          .validator(Validator.range(1, 50))
          .doc("The most entries one v3 records:batch request may carry (error code 42208 above).")
          .build();

  public static final ConfigKey<String> SCHEMA_REGISTRY_URL =
      ConfigKey.builder("schema.registry.url", ConfigType.STRING)
          .defaultValue("http://localhost:8081")
          .doc(
              "The Schema Registry the avro and jsonschema embedded formats register and look up"
                  + " schemas in, as URLs separated by commas (tried in order). Empty disables"
                  + " those formats: requests for them get a 4xx that says so. Under wharf start"
                  + " the default is the Schema Registry that wharf start runs.")
          .build();

  public static final ConfigKey<String> SCHEMA_REGISTRY_USER_INFO =
      ConfigKey.builder("schema.registry.basic.auth.user.info", ConfigType.STRING)
          .defaultValue("")
          .doc(
              "user:password for HTTP basic authentication to the Schema Registry, if it needs it.")
          .build();

  private RestProxyConfig() {}

  /** Every key above plus the client pass-through prefixes. */
  public static ConfigDefinition definition() {
    return ConfigDefinition.builder()
        .add(LISTENERS)
        .add(BOOTSTRAP_SERVERS)
        .add(ID)
        .add(HOST_NAME)
        .add(ADVERTISED_LISTENERS)
        .add(CONSUMER_INSTANCE_TIMEOUT_MS)
        .add(CONSUMER_REQUEST_TIMEOUT_MS)
        .add(CONSUMER_REQUEST_MAX_BYTES)
        .add(CONSUMER_INSTANCES_MAX)
        .add(REQUEST_MAX_BYTES)
        .add(PRODUCE_BATCH_MAX_ENTRIES)
        .add(SCHEMA_REGISTRY_URL)
        .add(SCHEMA_REGISTRY_USER_INFO)
        .passThrough("client.")
        .passThrough("producer.")
        .passThrough("consumer.")
        .passThrough("admin.")
        .build();
  }

  private static Validator<Long> positive() {
    return new Validator<>() {
      @Override
      public String check(Long value) {
        return value > 0 ? null : "must be greater than 0";
      }

      @Override
      public String description() {
        return "> 0";
      }
    };
  }
}
