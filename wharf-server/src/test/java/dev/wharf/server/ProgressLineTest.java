package dev.wharf.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What {@code wharf start} shows while it waits: a line redrawn in place on a terminal only. */
class ProgressLineTest {

  @Test
  void onATerminalTheStepIsDrawnInPlaceAndErasedBeforeEachServiceLine() {
    StringWriter text = new StringWriter();
    try (ProgressLine progress = new ProgressLine(new PrintWriter(text), true)) {
      progress.step("Connect, REST Proxy");
      progress.println("Connect          http://127.0.0.1:8083");
    }

    String shown = text.toString();
    assertThat(shown).startsWith("\r| starting Connect, REST Proxy… ");
    // Erased with spaces, then the service line on a clean line, and nothing left behind.
    assertThat(shown).containsPattern("\\r +\\rConnect          http://127.0.0.1:8083\\R");
    assertThat(shown).endsWith("\r");
  }

  @Test
  void elsewhereOnlyTheServiceLinesArePrinted() {
    StringWriter text = new StringWriter();
    try (ProgressLine progress = new ProgressLine(new PrintWriter(text), false)) {
      progress.step("the Kafka broker");
      progress.println("Kafka            127.0.0.1:9092");
    }

    assertThat(text.toString())
        .isEqualTo("Kafka            127.0.0.1:9092" + System.lineSeparator());
  }
}
