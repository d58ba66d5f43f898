package dev.wharf.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.core.config.ConfigDocs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's config table and {@code config/wharf.properties} are rendered from the key
 * definitions; this fails when either is stale. Regenerate both with {@code mvn -pl wharf-server
 * -am verify -Dtest=ConfigDocsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dwharf.docs.update=true}.
 */
class ConfigDocsTest {
  static final String BEGIN = "<!-- config-table:begin (generated from the key definitions) -->\n";
  static final String END = "<!-- config-table:end -->";
  static final String HEADER =
      "Wharf configuration, read by `wharf start` (see README.md, \"Configuration\").\n"
          + "Every key is shown with its default, commented out: uncomment a line to change it.\n"
          + "Each can also be set with the environment variable named below, which wins over this\n"
          + "file. This file is generated from the key definitions; add keys in the code.";

  private final Path root = Path.of(System.getProperty("wharf.repo.root", ".."));
  private final boolean update = Boolean.getBoolean("wharf.docs.update");

  @Test
  void configFileWritesOutEveryDefault() throws Exception {
    Path file = root.resolve("config/wharf.properties");
    String expected = ConfigDocs.propertiesFile(ServerConfig.DEFINITION, HEADER);
    if (update) {
      Files.writeString(file, expected, StandardCharsets.UTF_8);
    }

    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(expected);
  }

  @Test
  void readmeConfigTableMatchesTheDefinitions() throws Exception {
    Path readme = root.resolve("README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    assertThat(begin).as("README.md has the config table markers").isNotNegative();
    assertThat(end).isGreaterThan(begin);
    String expected = ConfigDocs.markdownTable(ServerConfig.DEFINITION);
    String actual = text.substring(begin + BEGIN.length(), end);
    if (update) {
      Files.writeString(
          readme,
          text.substring(0, begin + BEGIN.length()) + expected + text.substring(end),
          StandardCharsets.UTF_8);
      actual = expected;
    }

    assertThat(actual).isEqualTo(expected);
  }
}
