package dev.wharf.connect.herder;

import dev.wharf.connect.storage.ConfigStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Fences the zombies of an exactly-once source connector ({@code PUT /connectors/{name}/fence},
 * KIP-618): every producer with one of its tasks' transactional ids ({@code
 * <group.id>-<connector>-<task>}) is fenced through the Admin API, so an instance of a task that a
 * worker lost can no longer commit.
 */
public final class ZombieFencer {
  private final Admin admin;
  private final String groupId;
  private final ConfigStore configs;

  public ZombieFencer(Admin admin, String groupId, ConfigStore configs) {
    this.admin = admin;
    this.groupId = groupId;
    this.configs = configs;
  }

  /** Fences the transactional ids of the connector's tasks; returns how many were fenced. */
  public int fence(String connector) {
    if (!configs.snapshot().contains(connector)) {
      throw new NotFoundException("Connector " + connector + " not found");
    }
    int count = configs.snapshot().taskCount(connector);
    List<String> ids = new ArrayList<>();
    for (int task = 0; task < count; task++) {
      ids.add(groupId + "-" + connector + "-" + task);
    }
    if (ids.isEmpty()) {
      return 0;
    }
    try {
      admin.fenceProducers(ids).all().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new ConnectException("Could not fence the zombies of connector " + connector, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("interrupted", e);
    }
    return ids.size();
  }
}
