package dev.wharf.proxy.v3;

import dev.wharf.core.http.HttpError;
import dev.wharf.proxy.kafka.KafkaFutures;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;

/** Looks up consumer groups for the v3 group and lag resources; an unknown group is 404/40405. */
final class ConsumerGroups {
  private final Admin admin;

  ConsumerGroups(Admin admin) {
    this.admin = admin;
  }

  CompletableFuture<ConsumerGroupDescription> describe(String group) {
    return KafkaFutures.of(admin.describeConsumerGroups(List.of(group)).all())
        .thenApply(
            groups -> {
              ConsumerGroupDescription description = groups.get(group);
              if (description == null || description.groupState() == GroupState.DEAD) {
                throw notFound(group);
              }
              return description;
            });
  }

  private static HttpError notFound(String group) {
    return new HttpError(404, 40405, "Consumer group '" + group + "' not found.");
  }
}
