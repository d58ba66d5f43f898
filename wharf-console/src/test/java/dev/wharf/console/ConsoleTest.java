package dev.wharf.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.core.config.ConfigSource;
import dev.wharf.core.http.HttpServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The console's own server: the page from the class path and API calls forwarded upstream. */
class ConsoleTest {
  private final HttpClient client = HttpClient.newHttpClient();
  private final CountDownLatch releaseStream = new CountDownLatch(1);
  private HttpServer upstream;
  private Console console;

  @AfterEach
  void stop() {
    releaseStream.countDown();
    if (console != null) {
      console.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  private URI startUpstream() {
    upstream =
        HttpServer.builder("fake-connect")
            .routes(
                routes -> {
                  routes.get(
                      "/connectors",
                      ctx ->
                          ctx.contentType("application/json")
                              .result("{\"query\":\"" + ctx.queryString() + "\"}"));
                  routes.post(
                      "/subjects/{subject}/versions",
                      ctx ->
                          ctx.status(201)
                              .contentType("application/vnd.schemaregistry.v1+json")
                              .result(
                                  "{\"subject\":\""
                                      + ctx.pathParam("subject")
                                      + "\",\"type\":\""
                                      + ctx.header("Content-Type")
                                      + "\",\"body\":"
                                      + ctx.body()
                                      + "}"));
                  routes.sse(
                      "/events",
                      sse -> {
                        sse.sendEvent("message", "first");
                        try {
                          releaseStream.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                        sse.sendEvent("message", "second");
                        sse.close();
                      });
                })
            .build()
            .start();
    return URI.create("http://127.0.0.1:" + upstream.port());
  }

  private URI startConsole(Upstreams upstreams) {
    console =
        new Console(
                Console.definition()
                    .parse(
                        List.of(
                            new ConfigSource("test", Map.of("listeners", "http://127.0.0.1:0")))),
                upstreams)
            .start();
    return console.url();
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesThePageAndItsModulesFromTheClassPath() throws Exception {
    URI url = startConsole(new Upstreams(null, null, null));

    HttpResponse<String> index = get(url.resolve("/"));
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(index.body()).contains("<script type=\"module\" src=\"/js/app.js\">");

    HttpResponse<String> app = get(url.resolve("/js/app.js"));
    assertThat(app.statusCode()).isEqualTo(200);
    assertThat(app.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
    assertThat(get(url.resolve("/css/console.css")).statusCode()).isEqualTo(200);

    assertThat(get(url.resolve("/js/missing.js")).statusCode()).isEqualTo(404);
    assertThat(get(url.resolve("/js/..%2Fconsole.css")).statusCode()).isEqualTo(404);
  }

  @Test
  void forwardsMethodPathQueryBodyAndContentType() throws Exception {
    URI service = startUpstream();
    URI url = startConsole(new Upstreams(service, null, service));

    HttpResponse<String> list =
        get(url.resolve("/api/connect/connectors?expand=status&expand=info"));
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).isEqualTo("{\"query\":\"expand=status&expand=info\"}");

    HttpResponse<String> registered =
        client.send(
            HttpRequest.newBuilder(url.resolve("/api/registry/subjects/a%2Fb/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"\\\"string\\\"\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(registered.statusCode()).isEqualTo(201);
    assertThat(registered.headers().firstValue("Content-Type"))
        .hasValue("application/vnd.schemaregistry.v1+json");
    assertThat(registered.body())
        .contains("\"subject\":\"a/b\"")
        .contains("\"type\":\"application/vnd.schemaregistry.v1+json\"")
        .contains("\"body\":{\"schema\":\"\\\"string\\\"\"}");

    HttpResponse<String> unknownPath = get(url.resolve("/api/connect/nothing-here"));
    assertThat(unknownPath.statusCode()).isEqualTo(404);
  }

  @Test
  void aPathNoUrlCanHoldIsRefusedWith400() throws Exception {
    URI url = startConsole(new Upstreams(startUpstream(), null, null));

    // The JDK client refuses to send such a path, so write the request by hand.
    try (Socket socket = new Socket("127.0.0.1", url.getPort())) {
      socket
          .getOutputStream()
          .write(
              "GET /api/connect/a{b} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 400").contains("\"error_code\":400");
    }
  }

  @Test
  void saysWhichServiceIsMissingOrUnreachable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    URI url = startConsole(new Upstreams(URI.create("http://127.0.0.1:" + closedPort), null, null));

    HttpResponse<String> unreachable = get(url.resolve("/api/connect/connectors"));
    assertThat(unreachable.statusCode()).isEqualTo(502);
    assertThat(unreachable.body())
        .contains("\"error_code\":502")
        .contains("Kafka Connect is not reachable at http://127.0.0.1:" + closedPort);

    HttpResponse<String> missing = get(url.resolve("/api/proxy/topics"));
    assertThat(missing.statusCode()).isEqualTo(503);
    assertThat(missing.body()).contains("The REST Proxy does not run in this Wharf");

    assertThat(get(url.resolve("/api/elsewhere/x")).statusCode()).isEqualTo(404);
  }

  @Test
  void streamsServerSentEventsAsTheyArrive() throws Exception {
    URI url = startConsole(new Upstreams(startUpstream(), null, null));

    HttpResponse<InputStream> response =
        client.send(
            HttpRequest.newBuilder(url.resolve("/api/connect/events"))
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
    try (BufferedReader events =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      // The upstream holds the stream open after the first event: it must arrive on its own.
      assertThat(readData(events)).isEqualTo("data: first");
      releaseStream.countDown();
      assertThat(readData(events)).isEqualTo("data: second");
    }
  }

  private static String readData(BufferedReader events) throws Exception {
    String line;
    while ((line = events.readLine()) != null) {
      if (line.startsWith("data:")) {
        return line;
      }
    }
    return null;
  }
}
