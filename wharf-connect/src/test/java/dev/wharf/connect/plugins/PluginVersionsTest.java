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

  @Test
  void versionRequirementsFollowMavenRangeSyntax() {
    VersionRequirement exact = VersionRequirement.parse("1.2");
    assertThat(exact.allows("1.2")).isTrue();
    assertThat(exact.allows("1.2.0")).isFalse();

    VersionRequirement ranges = VersionRequirement.parse("(,1.0],[1.5,2.0)");
    assertThat(List.of("0.9", "1.0", "1.2", "1.5", "1.9.9", "2.0"))
        .filteredOn(ranges::allows)
        .containsExactly("0.9", "1.0", "1.5", "1.9.9");

    assertThat(VersionRequirement.parse(" latest ").isLatest()).isTrue();
    assertThat(VersionRequirement.parse("[3.1]").allows("3.1")).isTrue();
  }
}
