package dev.wharf.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.console.Console;
import dev.wharf.console.Upstreams;
import dev.wharf.core.config.ConfigSource;
import dev.wharf.core.http.HttpServer;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console's log tail and metrics against a Connect worker that answers {@code
 * /connectors/{name}/logs} and {@code /connectors/{name}/metrics} in the agreed shapes (a stand-in
 * HTTP server here, so the page is checked before every worker has those endpoints): the tail's
 * lines, then a line that arrives over the event stream, and the throughput and lag figures.
 */
class ConsoleLogsAndMetricsBrowserTest {
  private static final String STATUS =
      "{\"name\":\"demo\",\"connector\":{\"state\":\"RUNNING\",\"worker_id\":\"w1:8083\"},"
          + "\"tasks\":[{\"id\":0,\"state\":\"RUNNING\",\"worker_id\":\"w2:8083\"}],"
          + "\"type\":\"source\"}";
  private static final String CONFIG =
      "{\"name\":\"demo\",\"connector.class\":\"FileStreamSource\",\"topic\":\"t\"}";
  private static final String METRICS =
      "{\"connector\":\"demo\",\"records_in_per_sec\":12.5,\"records_out_per_sec\":0.0,"
          + "\"records_in_total\":1200,\"records_out_total\":1180,\"lag\":7,\"last_error\":null,"
          + "\"tasks\":[{\"id\":0,\"state\":\"RUNNING\",\"records_in_per_sec\":12.5,"
          + "\"records_out_per_sec\":0.0,\"records_in_total\":1200,\"records_out_total\":1180,"
          + "\"lag\":7}]}";

  private final CountDownLatch endStream = new CountDownLatch(1);

  @Test
  void showsTheLogTailThenStreamedLinesAndTheConnectorsThroughputAndLag() throws Exception {
    try (HeadlessChromium chromium = HeadlessChromium.start();
        HttpServer connect = fakeConnect();
        Console console = console(URI.create("http://127.0.0.1:" + connect.port()))) {
      chromium.driver.get(console.url().resolve("/#/connectors").toString());
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                WebElement row =
                    chromium.driver.findElement(By.cssSelector("tr[data-connector='demo']"));
                assertThat(row.getText()).contains("12.5/s").endsWith("7");
                assertThat(row.findElements(By.cssSelector("svg.spark polyline"))).isNotEmpty();
              });
      chromium.screenshot("11-connectors-metrics");

      chromium.driver.get(console.url().resolve("/#/connectors/demo").toString());
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                String log = chromium.driver.findElement(By.id("connector-log")).getText();
                assertThat(log)
                    .contains("INFO task 0 first line")
                    .contains("WARN second line")
                    .contains("ERROR task 0 streamed line")
                    .contains("java.lang.IllegalStateException: boom");
                assertThat(chromium.driver.findElement(By.id("connector-metrics")).getText())
                    .contains("12.5/s")
                    .contains("1,180")
                    .contains("lag");
              });
      chromium.screenshot("12-connector-logs-metrics");
    } finally {
      endStream.countDown();
    }
  }

  private static Console console(URI connect) {
    return new Console(
            Console.definition()
                .parse(
                    List.of(new ConfigSource("test", Map.of("listeners", "http://127.0.0.1:0")))),
            new Upstreams(connect, null, null))
        .start();
  }

  private HttpServer fakeConnect() {
    return HttpServer.builder("fake-connect")
        .routes(
            routes -> {
              routes.get("/", ctx -> json(ctx, "{\"version\":\"4.3.1\"}"));
              routes.get(
                  "/connectors",
                  ctx ->
                      json(
                          ctx,
                          "{\"demo\":{\"status\":"
                              + STATUS
                              + ",\"info\":{\"name\":\"demo\",\"config\":"
                              + CONFIG
                              + ",\"tasks\":[],\"type\":\"source\"}}}"));
              routes.get("/connectors/demo/status", ctx -> json(ctx, STATUS));
              routes.get("/connectors/demo/config", ctx -> json(ctx, CONFIG));
              routes.get("/connectors/demo/offsets", ctx -> json(ctx, "{\"offsets\":[]}"));
              routes.get("/connectors/demo/metrics", ctx -> json(ctx, METRICS));
              routes.get("/connectors/demo/logs", this::logs);
            })
        .build()
        .start();
  }

  private void logs(Context ctx) throws IOException, InterruptedException {
    if (!"true".equals(ctx.queryParam("follow"))) {
      json(
          ctx,
          "[{\"timestamp\":1764000000000,\"time\":\"2025-11-24T16:00:00Z\",\"level\":\"INFO\","
              + "\"logger\":\"x\",\"thread\":\"t\",\"connector\":\"demo\",\"task\":0,"
              + "\"message\":\"first line\"},"
              + "{\"timestamp\":1764000001000,\"time\":\"2025-11-24T16:00:01Z\",\"level\":\"WARN\","
              + "\"logger\":\"x\",\"thread\":\"t\",\"connector\":\"demo\","
              + "\"message\":\"second line\"}]");
      return;
    }
    ctx.res().setContentType("text/event-stream");
    OutputStream out = ctx.res().getOutputStream();
    out.write(
        ("data: {\"timestamp\":1764000002000,\"time\":\"2025-11-24T16:00:02Z\","
                + "\"level\":\"ERROR\",\"logger\":\"x\",\"thread\":\"t\",\"connector\":\"demo\","
                + "\"task\":0,\"message\":\"streamed line\","
                + "\"stack_trace\":\"java.lang.IllegalStateException: boom\"}\n\n")
            .getBytes(StandardCharsets.UTF_8));
    out.flush();
    endStream.await(60, TimeUnit.SECONDS);
  }

  private static void json(Context ctx, String body) {
    ctx.contentType("application/json").result(body);
  }
}
