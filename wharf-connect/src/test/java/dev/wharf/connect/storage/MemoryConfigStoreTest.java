package dev.wharf.connect.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class MemoryConfigStoreTest {

  @Test
  void appliesWritesAtOnceAndTellsListeners() {
    List<String> heard = new CopyOnWriteArrayList<>();
    MemoryConfigStore store = new MemoryConfigStore();
    store.addListener(
        new ConfigListener() {
          @Override
          public void onConnectorConfigUpdate(String connector) {
            heard.add("config " + connector);
          }

          @Override
          public void onTargetStateChange(String connector) {
            heard.add("state " + connector);
          }
        });
    store.start();

    store.putConnectorConfig("foo", Map.of("connector.class", "Foo"), TargetState.PAUSED).join();
    store.putTaskConfigs("foo", List.of(Map.of("task", "0"))).join();
    store.putTargetState("foo", TargetState.STOPPED).join();

    ConfigSnapshot snapshot = store.snapshot();
    assertThat(snapshot.targetState("foo")).contains(TargetState.STOPPED);
    assertThat(snapshot.taskConfigs("foo")).containsExactly(Map.of("task", "0"));
    assertThat(heard).containsExactly("config foo", "state foo");

    store.removeConnector("foo").join();

    assertThat(store.snapshot().connectors()).isEmpty();
    assertThat(store.snapshot().targetState("foo")).isEmpty();
  }
}
