package dev.wharf.registry.election;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.core.http.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * The group assignor that elects the registry's leader, run by Kafka's group protocol: each member
 * subscribes with its {@link MemberIdentity}; the group's coordinating member picks, as Confluent
 * does, the eligible member with the lexicographically smallest URL (none when two members share
 * that URL), and every member learns the result from its assignment. Kafka instantiates the
 * assignor itself, so it finds its {@link LeaderElection} through the id in its configuration.
 */
public final class LeaderAssignor implements ConsumerPartitionAssignor, Configurable {
  static final String ELECTION_ID = "wharf.registry.election.id";
  private static final Map<String, LeaderElection> ELECTIONS = new ConcurrentHashMap<>();

  private LeaderElection election;

  static void register(String id, LeaderElection election) {
    ELECTIONS.put(id, election);
  }

  static void unregister(String id) {
    ELECTIONS.remove(id);
  }

  @Override
  public void configure(Map<String, ?> configs) {
    Object id = configs.get(ELECTION_ID);
    this.election = id == null ? null : ELECTIONS.get(id.toString());
    if (election == null) {
      throw new IllegalStateException("LeaderAssignor configured without a registered election");
    }
  }

  @Override
  public String name() {
    return "wharf-registry-leader";
  }

  @Override
  public ByteBuffer subscriptionUserData(Set<String> topics) {
    return election.identity().encode();
  }

  @Override
  public GroupAssignment assign(Cluster metadata, GroupSubscription subscriptions) {
    Map<String, Subscription> members = subscriptions.groupSubscription();
    String leaderMember = null;
    String leaderUrl = null;
    boolean duplicate = false;
    for (Map.Entry<String, Subscription> member : members.entrySet()) {
      MemberIdentity identity =
          member.getValue().userData() == null
              ? null
              : MemberIdentity.decode(member.getValue().userData());
      if (identity == null || !identity.eligible()) {
        continue;
      }
      String url = identity.url().toString();
      int order = leaderUrl == null ? -1 : url.compareTo(leaderUrl);
      if (order < 0) {
        leaderUrl = url;
        leaderMember = member.getKey();
        duplicate = false;
      } else if (order == 0) {
        duplicate = true;
      }
    }
    ObjectNode result = Json.mapper().createObjectNode();
    if (leaderUrl != null && !duplicate) {
      result.put("leader", leaderUrl);
    } else if (duplicate) {
      result.put("error", "DUPLICATE_URLS");
    }
    ByteBuffer data = ByteBuffer.wrap(Json.bytes(result));
    // The subscribed partitions go to the leader; nobody reads them through this group.
    List<TopicPartition> partitions = new ArrayList<>();
    for (Subscription subscription : members.values()) {
      for (String topic : subscription.topics()) {
        List<PartitionInfo> infos = metadata.partitionsForTopic(topic);
        if (infos != null) {
          infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
      }
    }
    Map<String, Assignment> assignments = new HashMap<>();
    for (String member : members.keySet()) {
      assignments.put(
          member,
          new Assignment(
              member.equals(leaderMember) ? partitions.stream().distinct().toList() : List.of(),
              data.duplicate()));
    }
    return new GroupAssignment(assignments);
  }

  @Override
  public void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
    String leader = null;
    String error = null;
    ByteBuffer data = assignment.userData();
    if (data != null) {
      byte[] bytes = new byte[data.remaining()];
      data.duplicate().get(bytes);
      try {
        JsonNode node = Json.mapper().readTree(bytes);
        leader = node.path("leader").asText(null);
        error = node.path("error").asText(null);
      } catch (IOException e) {
        error = "unreadable assignment";
      }
    }
    election.elected(leader, error, metadata.generationId());
  }
}
