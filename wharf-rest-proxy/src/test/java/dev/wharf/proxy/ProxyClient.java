package dev.wharf.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;

/** Drives the proxy over HTTP the way a user's client would, and reads answers as JSON. */
final class ProxyClient {
  static final String V2 = "application/vnd.kafka.v2+json";
  static final String BINARY = "application/vnd.kafka.binary.v2+json";
  static final String JSON_V2 = "application/vnd.kafka.json.v2+json";
  static final String JSON = "application/json";

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI base;

  ProxyClient(URI base) {
    this.base = base;
  }

  /** An answer: status, Content-Type, the body as text and (when it is JSON) parsed. */
  record Reply(int status, String contentType, String text) {
    JsonNode json() {
      try {
        return Json.mapper().readTree(text);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + text, e);
      }
    }

    int errorCode() {
      return json().path("error_code").asInt();
    }
  }

  Reply get(String path) {
    return send("GET", path, null, null, null);
  }

  Reply get(String path, String accept) {
    return send("GET", path, null, null, accept);
  }

  Reply post(String path, String contentType, String body) {
    return send("POST", path, contentType, body, null);
  }

  Reply delete(String path) {
    return send("DELETE", path, null, null, null);
  }

  Reply send(String method, String path, String contentType, String body, String accept) {
    BodyPublisher publisher =
        body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body);
    return sendWith(method, path, contentType, publisher, accept);
  }

  Reply sendWith(
      String method, String path, String contentType, BodyPublisher publisher, String accept) {
    return sendWith(method, path, contentType, publisher, accept, Map.of());
  }

  /** As {@link #sendWith(String, String, String, BodyPublisher, String)}, with more headers. */
  Reply sendWith(
      String method,
      String path,
      String contentType,
      BodyPublisher publisher,
      String accept,
      Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .method(method, publisher);
    headers.forEach(request::header);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (accept != null) {
      request.header("Accept", accept);
    }
    try {
      var response = CLIENT.send(request.build(), BodyHandlers.ofString());
      return new Reply(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(method + " " + path + " interrupted", e);
    }
  }
}
