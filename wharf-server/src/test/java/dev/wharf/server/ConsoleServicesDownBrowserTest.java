package dev.wharf.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.console.Console;
import dev.wharf.console.Upstreams;
import dev.wharf.core.config.ConfigSource;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The console in a browser when the services behind it are gone: the page names each one. */
class ConsoleServicesDownBrowserTest {

  @Test
  void thePageSaysWhichServiceIsUnreachableOrNotRunning() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    URI connect = URI.create("http://127.0.0.1:" + closedPort);
    try (HeadlessChromium chromium = HeadlessChromium.start();
        Console console =
            new Console(
                    Console.definition()
                        .parse(
                            List.of(
                                new ConfigSource(
                                    "test", Map.of("listeners", "http://127.0.0.1:0")))),
                    new Upstreams(connect, null, null))
                .start()) {
      chromium.driver.get(console.url().resolve("/#/connectors").toString());

      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  assertThat(chromium.driver.findElement(By.id("services")).getText())
                      .contains("Kafka Connect is not reachable at " + connect)
                      .contains("The REST Proxy does not run in this Wharf")
                      .contains("The Schema Registry does not run in this Wharf"));
      assertThat(chromium.driver.findElement(By.id("main")).getText())
          .contains("Kafka Connect is not reachable");
      chromium.screenshot("00-services-down");
    }
  }
}
