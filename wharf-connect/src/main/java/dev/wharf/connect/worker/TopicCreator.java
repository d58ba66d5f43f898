package dev.wharf.connect.worker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Creates the topics a source connector writes to, the first time it writes to each, following the
 * connector's {@code topic.creation.*} groups as Apache Kafka Connect does (KIP-158): the first
 * group in {@code topic.creation.groups} whose {@code include} matches and {@code exclude} does not
 * wins, else {@code default}. A connector without {@code topic.creation.default.*} settings, or a
 * worker with {@code topic.creation.enable=false}, leaves topic creation to the broker.
 */
final class TopicCreator {
  private static final String PREFIX = "topic.creation.";
  private static final Set<String> GROUP_KEYS =
      Set.of("include", "exclude", "replication.factor", "partitions");

  private final Admin admin;
  private final List<Group> groups;
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  private TopicCreator(Admin admin, List<Group> groups) {
    this.admin = admin;
    this.groups = groups;
  }

  /** A creator that creates nothing. */
  static TopicCreator disabled() {
    return new TopicCreator(null, List.of());
  }

  static TopicCreator forConnector(Admin admin, Map<String, String> config, boolean enabled) {
    if (!enabled
        || !config.containsKey(PREFIX + "default.replication.factor")
        || !config.containsKey(PREFIX + "default.partitions")) {
      return disabled();
    }
    List<Group> groups = new ArrayList<>();
    for (String name : config.getOrDefault(PREFIX + "groups", "").split(",")) {
      if (!name.isBlank() && !name.trim().equals("default")) {
        groups.add(Group.parse(name.trim(), config));
      }
    }
    groups.add(Group.parse("default", config));
    return new TopicCreator(admin, groups);
  }

  /** Creates {@code topic} when this creator is active and has not seen it yet. */
  void ensureExists(String topic) {
    if (admin == null || known.contains(topic)) {
      return;
    }
    Group group = groups.stream().filter(g -> g.matches(topic)).findFirst().orElseThrow();
    NewTopic newTopic =
        new NewTopic(topic, group.partitions, group.replicationFactor).configs(group.topicConfigs);
    try {
      admin.createTopics(List.of(newTopic)).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new ConnectException("cannot create topic " + topic, e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("interrupted while creating topic " + topic, e);
    }
    known.add(topic);
  }

  private record Group(
      String name,
      List<Pattern> include,
      List<Pattern> exclude,
      Optional<Integer> partitions,
      Optional<Short> replicationFactor,
      Map<String, String> topicConfigs) {

    static Group parse(String name, Map<String, String> config) {
      String prefix = PREFIX + name + ".";
      Map<String, String> topicConfigs = new HashMap<>();
      config.forEach(
          (key, value) -> {
            if (key.startsWith(prefix) && !GROUP_KEYS.contains(key.substring(prefix.length()))) {
              topicConfigs.put(key.substring(prefix.length()), value);
            }
          });
      String partitions =
          config.getOrDefault(prefix + "partitions", config.get(PREFIX + "default.partitions"));
      String replication =
          config.getOrDefault(
              prefix + "replication.factor", config.get(PREFIX + "default.replication.factor"));
      int p = Integer.parseInt(partitions.trim());
      short r = Short.parseShort(replication.trim());
      return new Group(
          name,
          name.equals("default")
              ? List.of(Pattern.compile(".*"))
              : patterns(config.get(prefix + "include")),
          patterns(config.get(prefix + "exclude")),
          p < 0 ? Optional.empty() : Optional.of(p),
          r < 0 ? Optional.empty() : Optional.of(r),
          topicConfigs);
    }

    boolean matches(String topic) {
      return include.stream().anyMatch(p -> p.matcher(topic).matches())
          && exclude.stream().noneMatch(p -> p.matcher(topic).matches());
    }

    private static List<Pattern> patterns(String list) {
      List<Pattern> result = new ArrayList<>();
      if (list != null) {
        for (String regex : list.split(",")) {
          if (!regex.isBlank()) {
            result.add(Pattern.compile(regex.trim()));
          }
        }
      }
      return result;
    }
  }
}
