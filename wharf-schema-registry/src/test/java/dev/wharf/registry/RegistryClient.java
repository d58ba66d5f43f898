package dev.wharf.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;

/** Drives a registry over HTTP the way Confluent's clients do, and reads answers as JSON. */
final class RegistryClient {
  static final String V1 = "application/vnd.schemaregistry.v1+json";

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI base;

  RegistryClient(URI base) {
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

  /** The JSON of a register body for {@code schema} (a schema text) and optional type. */
  static String schemaBody(String schema, String type) {
    return type == null
        ? new String(Json.bytes(Map.of("schema", schema)), java.nio.charset.StandardCharsets.UTF_8)
        : new String(
            Json.bytes(Map.of("schema", schema, "schemaType", type)),
            java.nio.charset.StandardCharsets.UTF_8);
  }

  int register(String subject, String schema) {
    Reply reply = post("/subjects/" + subject + "/versions", schemaBody(schema, null));
    if (reply.status() != 200) {
      throw new AssertionError("register under " + subject + " failed: " + reply);
    }
    return reply.json().get("id").asInt();
  }

  Reply get(String path) {
    return send("GET", path, null, null, null);
  }

  Reply post(String path, String body) {
    return send("POST", path, V1, body, null);
  }

  Reply put(String path, String body) {
    return send("PUT", path, V1, body, null);
  }

  Reply delete(String path) {
    return send("DELETE", path, null, null, null);
  }

  Reply send(String method, String path, String contentType, String body, String accept) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
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
