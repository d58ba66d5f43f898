package dev.wharf.connect.herder;

import dev.wharf.connect.storage.ConfigSnapshot;
import dev.wharf.connect.storage.ConfigStore;
import dev.wharf.connect.storage.ConnectorOffsetStores;
import dev.wharf.connect.storage.OffsetStore;
import dev.wharf.connect.storage.TargetState;
import dev.wharf.connect.storage.TransactionalOffsetWriter;
import dev.wharf.connect.validation.InvalidRequestException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;

/**
 * The offsets API of KIP-875: a source connector's offsets from the offset store, a sink
 * connector's from its consumer group {@code connect-<name>}, in Apache's JSON layout ({@code
 * kafka_topic}, {@code kafka_partition}, {@code kafka_offset} for sinks). Changing them requires
 * the connector to be STOPPED. A source connector with its own {@code offsets.storage.topic} reads
 * and writes that topic, with the worker's offsets topic as fallback. On a worker with exactly-once
 * sources, a source connector's offsets change as in Apache: the leader first runs its
 * zombie-fencing round, then writes them in one transaction (to its topic and the worker's).
 */
public final class ConnectorOffsets {
  static final String TOPIC = "kafka_topic";
  static final String PARTITION = "kafka_partition";
  static final String OFFSET = "kafka_offset";

  private final ConfigStore configs;
  private final ConnectorOffsetStores offsets;
  private final Admin admin;
  private final Herder herder;
  private final ExactlyOnce exactlyOnce;

  /**
   * How a worker with exactly-once sources changes source offsets: after the connector's fencing
   * round, in a transaction.
   */
  public record ExactlyOnce(ZombieFencer fencer, TransactionalOffsetWriter writer) {}

  /**
   * @param exactlyOnce how source offsets change on a worker with exactly-once sources; null
   *     without
   */
  public ConnectorOffsets(
      ConfigStore configs,
      ConnectorOffsetStores offsets,
      Admin admin,
      Herder herder,
      ExactlyOnce exactlyOnce) {
    this.configs = configs;
    this.offsets = offsets;
    this.admin = admin;
    this.herder = herder;
    this.exactlyOnce = exactlyOnce;
  }

  /** One partition and its offset; the offset is null to reset the partition. */
  public record PartitionOffset(Map<String, Object> partition, Map<String, Object> offset) {}

  public List<PartitionOffset> get(String name) {
    Map<String, String> config = herder.connectorConfig(name);
    List<PartitionOffset> result = new ArrayList<>();
    if ("sink".equals(herder.type(config))) {
      sinkOffsets(name)
          .forEach(
              (tp, offset) -> {
                if (offset != null) {
                  result.add(
                      new PartitionOffset(sinkPartition(tp), Map.of(OFFSET, offset.offset())));
                }
              });
    } else {
      OffsetStore store = offsets.forConnector(config);
      Herder.await(store.refresh());
      store.offsets(name).forEach((p, o) -> result.add(new PartitionOffset(p, o)));
    }
    return result;
  }

  /** Replaces offsets of the given partitions (on the leader; others forward). */
  public void alter(String name, List<PartitionOffset> changes) {
    if (changes == null || changes.isEmpty()) {
      throw new InvalidRequestException(
          "Partitions / offsets need to be provided for an alter offsets request");
    }
    // As in Apache, offsets change on the leader only: a follower forwards the request.
    herder.requireLeader();
    Map<String, String> config = herder.connectorConfig(name);
    requireStopped(name);
    if ("sink".equals(herder.type(config))) {
      Map<TopicPartition, OffsetAndMetadata> alter = new HashMap<>();
      Set<TopicPartition> reset = new java.util.HashSet<>();
      for (PartitionOffset change : changes) {
        TopicPartition tp = topicPartition(change.partition());
        if (change.offset() == null) {
          reset.add(tp);
        } else {
          alter.put(tp, new OffsetAndMetadata(sinkOffset(change.offset())));
        }
      }
      applySink(name, alter, reset);
    } else {
      Map<Map<String, ?>, Map<String, ?>> batch = new LinkedHashMap<>();
      for (PartitionOffset change : changes) {
        if (change.partition() == null) {
          throw new InvalidRequestException("Source partitions may not be null");
        }
        batch.put(change.partition(), change.offset());
      }
      writeSource(name, config, batch);
    }
  }

  /** Forgets every offset of the connector (on the leader; others forward). */
  public void reset(String name) {
    herder.requireLeader();
    Map<String, String> config = herder.connectorConfig(name);
    requireStopped(name);
    if ("sink".equals(herder.type(config))) {
      applySink(name, Map.of(), sinkOffsets(name).keySet());
    } else {
      OffsetStore store = offsets.forConnector(config);
      Herder.await(store.refresh());
      Map<Map<String, ?>, Map<String, ?>> batch = new LinkedHashMap<>();
      store.offsets(name).keySet().forEach(p -> batch.put(p, null));
      if (!batch.isEmpty()) {
        writeSource(name, config, batch);
      }
    }
  }

  private void writeSource(
      String name, Map<String, String> config, Map<Map<String, ?>, Map<String, ?>> batch) {
    try {
      TransactionalOffsetWriter.validate(name, batch);
    } catch (DataException e) {
      throw new InvalidRequestException(e.getMessage());
    }
    if (exactlyOnce == null) {
      Herder.await(offsets.forConnector(config).write(name, batch));
      return;
    }
    try {
      exactlyOnce.fencer().fenceRound(name);
    } catch (ConnectException e) {
      throw new ConnectException(
          "Failed to perform zombie fencing for source connector "
              + name
              + " prior to modifying offsets: "
              + e.getMessage(),
          e);
    }
    List<String> topics = new ArrayList<>();
    topics.add(offsets.topic(config));
    if (!offsets.workerTopic().equals(offsets.topic(config))) {
      topics.add(offsets.workerTopic());
    }
    exactlyOnce.writer().write(name, topics, batch);
  }

  private void requireStopped(String name) {
    ConfigSnapshot snapshot = configs.snapshot();
    if (snapshot.targetState(name).orElse(TargetState.STARTED) != TargetState.STOPPED
        || snapshot.taskCount(name) > 0) {
      throw new InvalidRequestException(
          "Connectors must be in the STOPPED state before their offsets can be modified. This can"
              + " be done for the specified connector by issuing a 'PUT' request to the"
              + " '/connectors/"
              + name
              + "/stop' endpoint");
    }
  }

  private Map<TopicPartition, OffsetAndMetadata> sinkOffsets(String name) {
    try {
      return admin
          .listConsumerGroupOffsets("connect-" + name)
          .partitionsToOffsetAndMetadata()
          .get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return Map.of();
      }
      throw new ConnectException("cannot read the offsets of sink connector " + name, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("interrupted", e);
    }
  }

  private void applySink(
      String name, Map<TopicPartition, OffsetAndMetadata> alter, Set<TopicPartition> reset) {
    String group = "connect-" + name;
    try {
      if (!alter.isEmpty()) {
        admin.alterConsumerGroupOffsets(group, alter).all().get();
      }
      if (!reset.isEmpty()) {
        admin.deleteConsumerGroupOffsets(group, reset).all().get();
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupNotEmptyException) {
        throw new ConflictException(
            "The consumer group " + group + " of connector " + name + " still has active members");
      }
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return;
      }
      throw new ConnectException(
          "cannot change the offsets of sink connector " + name, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("interrupted", e);
    }
  }

  private static Map<String, Object> sinkPartition(TopicPartition tp) {
    Map<String, Object> partition = new LinkedHashMap<>();
    partition.put(TOPIC, tp.topic());
    partition.put(PARTITION, tp.partition());
    return partition;
  }

  private static TopicPartition topicPartition(Map<String, Object> partition) {
    if (partition == null
        || !(partition.get(TOPIC) instanceof String topic)
        || !(partition.get(PARTITION) instanceof Number number)) {
      throw new InvalidRequestException(
          "Sink connector partitions must have a string '"
              + TOPIC
              + "' and an integer '"
              + PARTITION
              + "': "
              + partition);
    }
    return new TopicPartition(topic, number.intValue());
  }

  private static long sinkOffset(Map<String, Object> offset) {
    if (!(offset.get(OFFSET) instanceof Number number) || number.longValue() < 0) {
      throw new InvalidRequestException(
          "Sink connector offsets must have a non-negative integer '" + OFFSET + "': " + offset);
    }
    return number.longValue();
  }
}
