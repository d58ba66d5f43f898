package dev.wharf.proxy.consumer;

import dev.wharf.core.http.HttpError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer instances this proxy holds, by group and name. It enforces the instance limit,
 * closes instances idle for longer than {@code consumer.instance.timeout.ms} from a reaper thread,
 * and closes them all on {@link #close()}.
 */
final class ConsumerInstances implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumerInstances.class);

  private final Map<String, Object> clientSettings;
  private final long idleTimeoutNanos;
  private final int maxInstances;
  private final Map<InstanceId, ConsumerInstance> instances = new ConcurrentHashMap<>();
  private final ScheduledExecutorService reaper;

  ConsumerInstances(Map<String, Object> clientSettings, long idleTimeoutMs, int maxInstances) {
    this.clientSettings = Map.copyOf(clientSettings);
    this.idleTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(idleTimeoutMs);
    this.maxInstances = maxInstances;
    this.reaper =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "wharf-proxy-consumer-reaper");
              thread.setDaemon(true);
              return thread;
            });
    long period = Math.min(5000, Math.max(50, idleTimeoutMs / 4));
    ScheduledFuture<?> unused =
        reaper.scheduleWithFixedDelay(this::expireIdle, period, period, TimeUnit.MILLISECONDS);
  }

  /** Creates an instance from a validated request; 409/40902 if the name is taken. */
  synchronized ConsumerInstance create(String group, CreateConsumerRequest request) {
    InstanceId id = new InstanceId(group, request.name());
    if (instances.containsKey(id)) {
      throw new HttpError(
          409,
          40902,
          "Consumer with specified consumer ID already exists in the specified consumer group: '"
              + id.name()
              + "' in group '"
              + group
              + "'.");
    }
    if (instances.size() >= maxInstances) {
      throw new HttpError(
          429,
          "Too many consumer instances: this proxy holds its maximum of "
              + maxInstances
              + " (consumer.instances.max); delete unused instances before creating '"
              + id
              + "'");
    }
    Map<String, Object> settings = new HashMap<>();
    // A records request answers with what one fetch brought (see RecordFetch), so the fetch size
    // sets how much one HTTP round trip carries: Kafka's 1 MiB per partition held a json
    // consumer to a third of the raw consumer's rate. fetch.max.bytes still caps a whole fetch.
    settings.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, RecordFetch.DRAIN_BYTES);
    settings.putAll(clientSettings);
    settings.putAll(request.kafkaSettings());
    settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    settings.putIfAbsent(
        ConsumerConfig.CLIENT_ID_CONFIG, "wharf-rest-proxy-" + group + "-" + request.name());
    settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    KafkaConsumer<byte[], byte[]> consumer;
    try {
      consumer = new KafkaConsumer<>(settings);
    } catch (ConfigException e) {
      throw new HttpError(
          422, 42204, "Invalid consumer configuration for '" + id + "': " + e.getMessage());
    }
    ConsumerInstance instance =
        new ConsumerInstance(
            id, request.format(), request.requestTimeoutMs(), request.responseMinBytes(), consumer);
    instances.put(id, instance);
    return instance;
  }

  /** The instance, or 404/40403 naming it. */
  ConsumerInstance get(String group, String name) {
    InstanceId id = new InstanceId(group, name);
    ConsumerInstance instance = instances.get(id);
    if (instance == null) {
      throw id.notFound();
    }
    return instance;
  }

  void delete(String group, String name) {
    InstanceId id = new InstanceId(group, name);
    ConsumerInstance instance = instances.remove(id);
    if (instance == null) {
      throw id.notFound();
    }
    instance.close();
  }

  private void expireIdle() {
    long now = System.nanoTime();
    for (ConsumerInstance instance : List.copyOf(instances.values())) {
      if (now - instance.lastUsedNanos() > idleTimeoutNanos
          && instances.remove(instance.id(), instance)) {
        LOG.info("closing consumer instance {}: idle for longer than its timeout", instance.id());
        instance.close();
      }
    }
  }

  @Override
  public void close() {
    reaper.shutdownNow();
    List<ConsumerInstance> all = new ArrayList<>(instances.values());
    instances.clear();
    all.forEach(ConsumerInstance::close);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (ConsumerInstance instance : all) {
      instance.awaitClosed(
          Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
  }
}
