package dev.wharf.connect.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How two installed versions of one plugin are ordered. */
class PluginVersionsTest {

  @Test
  void releasesOrderNumericallyAndAfterTheirPreReleases() {
    List<String> versions =
        new ArrayList<>(List.of("1.10.0", "1.9.2", "2.0.0", "2.0.0-SNAPSHOT", "1.9", "undefined"));
    versions.sort(PluginVersions.ORDER);

    assertThat(versions)
        .containsExactly("undefined", "1.9", "1.9.2", "1.10.0", "2.0.0-SNAPSHOT", "2.0.0");
  }
}
