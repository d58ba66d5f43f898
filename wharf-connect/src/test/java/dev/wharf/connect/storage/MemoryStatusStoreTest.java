package dev.wharf.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoryStatusStoreTest {

  @Test
  void keepsTheLatestStatusesAndForgetsDestroyedOnes() {
    MemoryStatusStore store = new MemoryStatusStore();
    store.start();
    TaskId task = new TaskId("foo", 0);

    store.put(new ConnectorStatus("foo", StatusState.RUNNING, null, "w1", 0, null)).join();
    store.put(new TaskStatus(task, StatusState.RUNNING, null, "w1", 0, null)).join();
    store.put(new TaskStatus(task, StatusState.FAILED, "boom", "w1", 0, null)).join();
    store.put(new TopicStatus("lines", "foo", 0, 1L)).join();

    assertThat(store.task(task).orElseThrow().trace()).isEqualTo("boom");
    assertThat(store.topics("foo")).extracting(TopicStatus::topic).containsExactly("lines");

    store.put(new TaskStatus(task, StatusState.DESTROYED, null, "w1", 0, null)).join();
    store.deleteTopic("foo", "lines").join();

    assertThat(store.tasks("foo")).isEmpty();
    assertThat(store.topics("foo")).isEmpty();
    assertThat(store.connector("foo")).isPresent();
  }
}
