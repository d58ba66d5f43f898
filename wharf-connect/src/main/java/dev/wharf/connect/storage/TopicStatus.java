package dev.wharf.connect.storage;

import java.util.Objects;

/**
 * A topic a connector has used (KIP-558 topic tracking): which task first used it and when, in
 * milliseconds since the epoch. Listed by {@code GET /connectors/{name}/topics}.
 */
public record TopicStatus(String topic, String connector, int task, long discoverTimestamp) {

  public TopicStatus {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(connector, "connector");
  }
}
