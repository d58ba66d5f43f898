package dev.wharf.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaBroker.class)
class StorageTopicsTest {
  private Admin admin;

  @BeforeEach
  void connect(EmbeddedKafkaBroker broker) {
    admin = Admin.create(RawTopic.clientConfig(broker.bootstrapServers()));
  }

  @AfterEach
  void disconnect() {
    admin.close();
  }

  @Test
  void missingTopicsAreCreatedCompactedWithTheRequestedPartitions() throws Exception {
    StorageTopic config = StorageTopic.config(RawTopic.uniqueName("configs"), (short) 1);
    StorageTopic offsets = StorageTopic.offsets(RawTopic.uniqueName("offsets"), 7, (short) 1);
    StorageTopic status = StorageTopic.status(RawTopic.uniqueName("status"), 3, (short) -1);

    for (StorageTopic topic : List.of(config, offsets, status)) {
      StorageTopics.ensure(admin, topic, RawTopic.TIMEOUT);
    }

    // A fresh topic reaches the metadata the admin client is served a moment after creation.
    await()
        .atMost(RawTopic.TIMEOUT)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(partitions(config)).isEqualTo(1);
              assertThat(partitions(offsets)).isEqualTo(7);
              assertThat(partitions(status)).isEqualTo(3);
              for (StorageTopic topic : List.of(config, offsets, status)) {
                assertThat(cleanupPolicy(topic)).isEqualTo("compact");
              }
            });
  }

  @Test
  void anExistingWellConfiguredTopicIsAccepted() {
    StorageTopic offsets = StorageTopic.offsets(RawTopic.uniqueName("offsets"), 2, (short) 1);
    StorageTopics.ensure(admin, offsets, RawTopic.TIMEOUT);

    StorageTopics.ensure(
        admin, StorageTopic.offsets(offsets.name(), 25, (short) 1), RawTopic.TIMEOUT);
  }

  @Test
  void aConfigTopicWithSeveralPartitionsIsRefused() throws Exception {
    String name = RawTopic.uniqueName("configs");
    create(name, 2, "compact");

    assertThatThrownBy(
            () ->
                StorageTopics.ensure(admin, StorageTopic.config(name, (short) 1), RawTopic.TIMEOUT))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining(name)
        .hasMessageContaining("config.storage.topic")
        .hasMessageContaining("2 partitions");
  }

  @Test
  void aTopicThatIsNotOnlyCompactedIsRefused() throws Exception {
    String deleting = RawTopic.uniqueName("status");
    create(deleting, 1, "delete");
    String both = RawTopic.uniqueName("configs");
    create(both, 1, "compact,delete");

    assertThatThrownBy(
            () ->
                StorageTopics.ensure(
                    admin, StorageTopic.status(deleting, 5, (short) 1), RawTopic.TIMEOUT))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining(deleting)
        .hasMessageContaining("status.storage.topic")
        .hasMessageContaining("cleanup.policy=delete");
    assertThatThrownBy(
            () ->
                StorageTopics.ensure(admin, StorageTopic.config(both, (short) 1), RawTopic.TIMEOUT))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining(both)
        .hasMessageContaining("cleanup.policy=compact,delete");
  }

  private void create(String name, int partitions, String cleanupPolicy) throws Exception {
    admin
        .createTopics(
            List.of(
                new NewTopic(name, Optional.of(partitions), Optional.empty())
                    .configs(Map.of("cleanup.policy", cleanupPolicy))))
        .all()
        .get();
  }

  private int partitions(StorageTopic topic) throws Exception {
    return admin
        .describeTopics(List.of(topic.name()))
        .allTopicNames()
        .get()
        .get(topic.name())
        .partitions()
        .size();
  }

  private String cleanupPolicy(StorageTopic topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
    return admin
        .describeConfigs(List.of(resource))
        .all()
        .get()
        .get(resource)
        .get("cleanup.policy")
        .value();
  }
}
