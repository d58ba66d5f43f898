package dev.wharf.connect.cluster;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Configurable;

/**
 * The group's assignor, as the Kafka consumer instantiates it: a thin adapter that hands the
 * subscription, the leader's assignment and each member's result to the {@link Membership} passed
 * in the consumer's configs. No partitions are assigned; the work travels in the user data.
 */
public final class WorkerAssignor implements ConsumerPartitionAssignor, Configurable {
  static final String PROTOCOL = "wharf-connect";

  private Membership membership;

  @Override
  public void configure(Map<String, ?> configs) {
    membership = (Membership) configs.get(Membership.CONFIG_KEY);
  }

  @Override
  public ByteBuffer subscriptionUserData(Set<String> topics) {
    return membership.subscriptionUserData();
  }

  @Override
  public GroupAssignment assign(Cluster metadata, GroupSubscription subscriptions) {
    return membership.assign(subscriptions);
  }

  @Override
  public void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
    membership.onAssignment(assignment, metadata.generationId());
  }

  @Override
  public String name() {
    return PROTOCOL;
  }
}
