package dev.wharf.connect.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class PathTemplateTest {
  @Test
  void placeholdersResolvePerTopicAndPartition() {
    PathTemplate template = PathTemplate.parse("/data/out/${topic}/p${partition}.txt");
    assertThat(template.base()).isEqualTo(Path.of("/data/out"));
    assertThat(template.resolve("orders", 2)).isEqualTo(Path.of("/data/out/orders/p2.txt"));
  }

  @Test
  void aTopicCannotLeadOutsideTheBaseDirectory() {
    PathTemplate template = PathTemplate.parse("/data/out/${topic}/x.txt");
    assertThatThrownBy(() -> template.resolve("..", 0))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("outside the directory /data/out");
  }

  @Test
  void unknownPlaceholdersAreRefused() {
    assertThatThrownBy(() -> PathTemplate.parse("/data/${date}.txt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("${date}");
  }
}
