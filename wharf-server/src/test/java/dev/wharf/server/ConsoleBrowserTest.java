package dev.wharf.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.core.config.Config;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The web console in a real headless Chromium against the whole {@code wharf start} stack in this
 * process (embedded broker, Connect with the FileStream plugin, REST Proxy, Schema Registry,
 * console), every port picked free. A user's round: create a FileStream source through the form,
 * see it RUNNING and its log, pause it, create a topic, produce a record and browse the records,
 * register schemas and compare versions. Each screen is saved under {@code
 * target/console-screenshots}.
 */
class ConsoleBrowserTest {
  private static final Path PLUGINS =
      Path.of(System.getProperty("wharf.repo.root", ".."))
          .resolve("connectors/wharf-connector-file/target/plugin");

  @TempDir Path dir;
  private HeadlessChromium chromium;
  private WharfServer wharf;
  private URI console;
  private URI connect;

  // Per test, not per class: a missing browser then reports the test as skipped, with the reason.
  @BeforeEach
  void startWharfAndBrowser() throws Exception {
    chromium = HeadlessChromium.start();
    assertThat(PLUGINS)
        .as("the FileStream plugin directory; build connectors/wharf-connector-file first")
        .isDirectory();
    Path file = dir.resolve("wharf.properties");
    Files.writeString(
        file,
        String.join(
            "\n",
            "broker.port=0",
            "broker.controller.port=0",
            "connect.listeners=http://127.0.0.1:0",
            "proxy.listeners=http://127.0.0.1:0",
            "registry.listeners=http://127.0.0.1:0",
            "console.listeners=http://127.0.0.1:0",
            "connect.plugin.path=" + PLUGINS.toAbsolutePath().normalize(),
            ""));
    Path data = dir.resolve("data");
    Config config = ServerConfig.load(file, null, Map.of(), data);
    StringWriter lines = new StringWriter();
    wharf = WharfServer.start(config, data, null, new PrintWriter(lines, true));
    console = urlOf(lines.toString(), "Console");
    connect = urlOf(lines.toString(), "Connect");
  }

  @AfterEach
  void stop() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    if (wharf != null) {
      wharf.close();
    }
  }

  private static URI urlOf(String output, String service) {
    return output
        .lines()
        .filter(line -> line.startsWith(service + " "))
        .map(line -> URI.create(line.substring(service.length()).trim()))
        .findFirst()
        .orElseThrow();
  }

  private static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250));
  }

  private void open(String hash) {
    chromium.driver.get(console.resolve("/#" + hash).toString());
  }

  private WebElement find(String css) {
    return eventually()
        .ignoreExceptions()
        .until(() -> chromium.driver.findElement(By.cssSelector(css)), element -> true);
  }

  private void type(String css, String text) {
    WebElement input = find(css);
    input.clear();
    input.sendKeys(text);
  }

  private void awaitText(String css, String expected) {
    eventually()
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(chromium.driver.findElement(By.cssSelector(css)).getText())
                    .contains(expected));
  }

  @Test
  void aUserRunsAFileSourceBrowsesItsTopicAndRegistersSchemas() throws Exception {
    Path input = dir.resolve("lines.txt");
    Files.writeString(input, "first line\nsecond line\nthird line\n");

    open("/connectors");
    awaitText("#connectors", "No connectors yet");
    find("#new-connector").click();
    find("#connector-plugin option[value='dev.wharf.connect.file.FileStreamSourceConnector']")
        .click();
    type("#connector-name", "console-file-source");
    // The form shows the plugin's own fields, and the missing topic is flagged before submitting.
    awaitText("#errors-topic", "topic");
    type("#field-file", input.toString());
    type("#field-topic", "console-lines");
    awaitText("#validation-summary", "The configuration is valid.");
    assertThat(find("#errors-topic").getText()).isEmpty();
    chromium.screenshot("01-connector-form");
    find("#connector-submit").click();

    find("#connector-state .badge[data-state='RUNNING']");
    find("#tasks-table .badge[data-state='RUNNING']");
    awaitText("#offsets-table", "position");
    if (logsEndpointAnswers("console-file-source")) {
      eventually()
          .untilAsserted(
              () ->
                  assertThat(chromium.driver.findElements(By.cssSelector("#connector-log .line")))
                      .isNotEmpty());
    } else {
      awaitText("#log-note", "not available");
    }
    chromium.screenshot("02-connector-running");

    find("#action-pause").click();
    find("#connector-state .badge[data-state='PAUSED']");
    eventually()
        .untilAsserted(
            () ->
                assertThat(chromium.driver.findElements(By.cssSelector("#tasks-table .badge")))
                    .extracting(badge -> badge.getAttribute("data-state"))
                    .containsOnly("PAUSED"));
    chromium.screenshot("03-connector-paused");

    // Editing starts from the stored config and saves it back with the changed field.
    find("#action-edit").click();
    eventually()
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(find("[id='field-topic']").getAttribute("value"))
                    .isEqualTo("console-lines"));
    type("[id='field-batch.size']", "500");
    awaitText("#validation-summary", "The configuration is valid.");
    find("#connector-submit").click();
    awaitText("#connector-config", "batch.size 500");
    find("#connector-state .badge[data-state='PAUSED']");

    open("/connectors");
    find("tr[data-connector='console-file-source'] .badge[data-state='PAUSED']");
    chromium.screenshot("04-connectors");

    open("/topics");
    type("#topic-name", "console-created");
    type("#topic-partitions", "2");
    find("#topic-create").click();
    find("tr[data-topic='console-created']");
    awaitText("tr[data-topic='console-created']", "2");
    chromium.screenshot("05-topics");

    find("tr[data-topic='console-lines'] a").click();
    awaitText("#partitions-table tbody", "3");
    type("#produce-value", "{\"from\": \"the console\"}");
    find("#produce-send").click();
    awaitText("#produce-form .message", "Written to partition 0 at offset 3.");
    find("#browse-load").click();
    awaitText("#records-table", "the console");
    String records = find("#records-table").getText();
    assertThat(records).contains("first line").contains("second line").contains("third line");
    chromium.screenshot("06-topic-records");

    open("/schemas");
    awaitText("#subjects", "No subjects yet");
    type("#register-subject", "orders-value");
    type(
        "#register-schema",
        "{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}");
    find("#register-submit").click();
    awaitText("#register-result", "Registered orders-value with schema id");
    awaitText("#subjects-table", "orders-value");
    chromium.screenshot("07-schemas");

    find("tr[data-subject='orders-value'] a").click();
    awaitText("#schema-meta", "Version 1");
    type(
        "#register-schema",
        "{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"},"
            + "{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}]}");
    find("#register-submit").click();
    awaitText("#register-result", "Compatible with the latest version.");
    awaitText("#schema-meta", "Version 2");
    awaitText("#diff-view", "+       \"name\": \"note\",");
    chromium.screenshot("08-schema-versions");

    // An incompatible change is refused with the registry's reasons, and nothing is registered.
    type(
        "#register-schema",
        "{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}");
    find("#register-submit").click();
    awaitText("#register-result", "Not compatible with the latest version");
    chromium.screenshot("09-schema-incompatible");
    assertThat(get(connect.resolve("/connectors")).body()).contains("console-file-source");
    assertThat(find("#version").findElements(By.tagName("option"))).hasSize(2);
  }

  private boolean logsEndpointAnswers(String connector) throws Exception {
    return get(connect.resolve("/connectors/" + connector + "/logs?tail=1")).statusCode() == 200;
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
