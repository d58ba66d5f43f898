package dev.wharf.core.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpServerTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static HttpServer server;

  record Greeting(String name, int times) {}

  @BeforeAll
  static void start() {
    server =
        HttpServer.builder("test")
            .port(0)
            .maxRequestBytes(1024)
            .errorContentType(
                ctx ->
                    ctx.path().startsWith("/vnd")
                        ? "application/vnd.test+json"
                        : "application/json")
            .errorTranslator(
                error ->
                    error instanceof UnsupportedOperationException
                        ? new HttpError(501, 50101, error.getMessage())
                        : null)
            .routes(
                routes -> {
                  routes.get("/hello", ctx -> Responses.json(ctx, 200, "application/json", "hi"));
                  routes.post(
                      "/greet",
                      ctx -> {
                        RequestBodies.requireMediaType(ctx, List.of("application/json"));
                        JsonNode body = RequestBodies.jsonOrNull(ctx);
                        if (body == null) {
                          throw HttpError.unprocessable("empty body");
                        }
                        Greeting greeting = RequestBodies.convert(body, Greeting.class);
                        Responses.json(ctx, 200, "application/json", greeting);
                      });
                  routes.get(
                      "/vnd/missing",
                      ctx -> {
                        throw new HttpError(404, 40401, "Topic 'orders' not found.");
                      });
                  routes.get(
                      "/async-missing",
                      ctx ->
                          ctx.future(
                              () ->
                                  CompletableFuture.supplyAsync(
                                      () -> {
                                        throw new HttpError(404, 40403, "instance 'c1' not found");
                                      })));
                  routes.get(
                      "/translated",
                      ctx -> {
                        throw new UnsupportedOperationException("not here");
                      });
                  routes.get(
                      "/boom",
                      ctx -> {
                        throw new IllegalStateException("secret internals");
                      });
                })
            .build()
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> send(String method, String path, String type, String body)
      throws Exception {
    BodyPublisher publisher =
        body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(method, publisher);
    if (type != null) {
      request.header("Content-Type", type);
    }
    return CLIENT.send(request.build(), BodyHandlers.ofString());
  }

  private static void assertError(HttpResponse<String> response, int status, int code)
      throws Exception {
    assertThat(response.statusCode()).isEqualTo(status);
    JsonNode body = Json.mapper().readTree(response.body());
    assertThat(body.get("error_code").asInt()).isEqualTo(code);
    assertThat(body.get("message").asText()).isNotEmpty().doesNotContain("Exception", "\tat ");
  }

  @Test
  void boundPortIsReadableAndServes() throws Exception {
    assertThat(server.port()).isPositive();
    HttpResponse<String> response = send("GET", "/hello", null, null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("\"hi\"");
  }

  @Test
  void jsonBodyIsParsedIntoRecord() throws Exception {
    HttpResponse<String> response =
        send("POST", "/greet", "application/json; charset=utf-8", "{\"name\":\"a\",\"times\":2}");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Json.mapper().readTree(response.body()))
        .isEqualTo(Json.mapper().readTree("{\"name\":\"a\",\"times\":2}"));
  }

  @Test
  void httpErrorBecomesPeerBodyInTheServicesContentType() throws Exception {
    HttpResponse<String> response = send("GET", "/vnd/missing", null, null);
    assertError(response, 404, 40401);
    assertThat(response.body()).contains("Topic 'orders' not found.");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.test+json");
  }

  @Test
  void failedFutureIsMappedLikeAThrownError() throws Exception {
    assertError(send("GET", "/async-missing", null, null), 404, 40403);
  }

  @Test
  void translatorMapsServiceExceptions() throws Exception {
    HttpResponse<String> response = send("GET", "/translated", null, null);
    assertError(response, 501, 50101);
    assertThat(response.body()).contains("not here");
  }

  @Test
  void malformedJsonIs400() throws Exception {
    assertError(send("POST", "/greet", "application/json", "{\"name\":"), 400, 400);
  }

  @Test
  void wrongFieldTypeIs400() throws Exception {
    assertError(
        send("POST", "/greet", "application/json", "{\"name\":\"a\",\"times\":{}}"), 400, 400);
  }

  @Test
  void wrongContentTypeIs415() throws Exception {
    assertError(send("POST", "/greet", "text/plain", "{}"), 415, 415);
  }

  @Test
  void emptyBodyIsLeftToTheHandler() throws Exception {
    assertError(send("POST", "/greet", "application/json", ""), 422, 422);
  }

  @Test
  void oversizedBodyIs413() throws Exception {
    String big = "{\"name\":\"" + "x".repeat(2000) + "\",\"times\":1}";
    assertError(send("POST", "/greet", "application/json", big), 413, 413);
  }

  @Test
  void oversizedChunkedBodyIs413() throws Exception {
    byte[] big = ("{\"name\":\"" + "x".repeat(5000) + "\",\"times\":1}").getBytes(UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/greet"))
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
            .build();
    assertError(CLIENT.send(request, BodyHandlers.ofString()), 413, 413);
  }

  @Test
  void unknownRouteIsJson404() throws Exception {
    HttpResponse<String> response = send("GET", "/nowhere", null, null);
    assertError(response, 404, 404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
  }

  @Test
  void wrongMethodIsJson405() throws Exception {
    assertError(send("DELETE", "/hello", null, null), 405, 405);
  }

  @Test
  void unexpectedExceptionIs500WithoutDetailsAndServerKeepsServing() throws Exception {
    HttpResponse<String> response = send("GET", "/boom", null, null);
    assertError(response, 500, 500);
    assertThat(response.body()).doesNotContain("secret internals");
    assertThat(send("GET", "/hello", null, null).statusCode()).isEqualTo(200);
  }

  @Test
  void requestJettyCannotParseGetsJsonNotHtml() throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.getOutputStream().write("NOT A REQUEST LINE\r\n\r\n".getBytes(UTF_8));
      String answer = new String(socket.getInputStream().readAllBytes(), UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 400").contains("\"error_code\":400");
      assertThat(answer.toLowerCase(Locale.ROOT)).doesNotContain("<html");
    }
    assertThat(send("GET", "/hello", null, null).statusCode()).isEqualTo(200);
  }

  @Test
  void errorBodyShape() throws Exception {
    assertThat(Json.mapper().readTree(Json.bytes(new ErrorBody(40403, "gone"))))
        .isEqualTo(Json.mapper().readTree("{\"error_code\":40403,\"message\":\"gone\"}"));
  }
}
