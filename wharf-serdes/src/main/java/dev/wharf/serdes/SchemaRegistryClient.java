package dev.wharf.serdes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Schema Registry client over HTTP that caches what never changes: schemas by id, and the id of a
 * schema once registered or looked up under a subject. It calls the same endpoints as Confluent's
 * Java client ({@code POST /subjects/{s}/versions}, {@code POST /subjects/{s}}, {@code GET
 * /schemas/ids/{id}}, {@code GET /subjects/{s}/versions/latest}) and tries the configured URLs in
 * order when one cannot be reached. Thread-safe.
 */
public final class SchemaRegistryClient {
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final List<URI> urls;
  private final String authorization;
  private final HttpClient http;
  private final Map<Integer, RegisteredSchema> byId = new ConcurrentHashMap<>();
  private final Map<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
  private final Map<SubjectSchema, RegisteredSchema> lookups = new ConcurrentHashMap<>();

  private record SubjectSchema(String subject, String schemaType, String schema) {}

  /**
   * @param urls the registry's base URLs, tried in order
   * @param userInfo {@code user:password} for HTTP basic authentication, or null
   */
  public SchemaRegistryClient(List<String> urls, String userInfo) {
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("schema.registry.url must name at least one URL");
    }
    this.urls = urls.stream().map(url -> URI.create(url.endsWith("/") ? url : url + "/")).toList();
    this.authorization =
        userInfo == null || userInfo.isEmpty()
            ? null
            : "Basic "
                + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** Registers {@code schema} under {@code subject} (idempotent) and returns its id. */
  public int register(String subject, String schemaType, String schema, boolean normalize) {
    SubjectSchema key = new SubjectSchema(subject, schemaType, schema);
    Integer cached = ids.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode answer =
        send(
            "POST",
            "subjects/" + encode(subject) + "/versions?normalize=" + normalize,
            body(schemaType, schema));
    int id = answer.path("id").asInt();
    ids.put(key, id);
    byId.putIfAbsent(id, new RegisteredSchema(id, schema, schemaType, null, -1));
    return id;
  }

  /**
   * The id and version of {@code schema} under {@code subject}; 40401/40403 when absent. The
   * version is known only when the answer came from the registry, so a schema whose id is cached
   * from a registration is looked up once more to learn it.
   */
  public RegisteredSchema lookup(
      String subject, String schemaType, String schema, boolean normalize) {
    SubjectSchema key = new SubjectSchema(subject, schemaType, schema);
    RegisteredSchema cached = lookups.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode answer =
        send(
            "POST",
            "subjects/" + encode(subject) + "?normalize=" + normalize + "&deleted=false",
            body(schemaType, schema));
    RegisteredSchema found = fromVersion(answer);
    ids.put(key, found.id());
    lookups.put(key, found);
    return found;
  }

  /** The latest version of {@code subject}; not cached, since it changes. */
  public RegisteredSchema latest(String subject) {
    RegisteredSchema found =
        fromVersion(send("GET", "subjects/" + encode(subject) + "/versions/latest", null));
    byId.putIfAbsent(found.id(), found);
    return found;
  }

  /** Version {@code version} of {@code subject}; 40401/40402 when absent. */
  public RegisteredSchema version(String subject, int version) {
    RegisteredSchema found =
        fromVersion(send("GET", "subjects/" + encode(subject) + "/versions/" + version, null));
    byId.putIfAbsent(found.id(), found);
    return found;
  }

  /** The schema with global id {@code id}; 40403 when there is none. */
  public RegisteredSchema byId(int id) {
    RegisteredSchema cached = byId.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = send("GET", "schemas/ids/" + id + "?fetchMaxId=false", null);
    RegisteredSchema found =
        new RegisteredSchema(
            id, answer.path("schema").asText(), answer.path("schemaType").asText("AVRO"), null, -1);
    byId.put(id, found);
    return found;
  }

  private static RegisteredSchema fromVersion(JsonNode answer) {
    return new RegisteredSchema(
        answer.path("id").asInt(),
        answer.path("schema").asText(),
        answer.path("schemaType").asText("AVRO"),
        answer.path("subject").asText(),
        answer.path("version").asInt());
  }

  private static String body(String schemaType, String schema) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("schema", schema);
    if (!"AVRO".equals(schemaType)) {
      body.put("schemaType", schemaType);
    }
    return body.toString();
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonNode send(String method, String path, String body) {
    IOException lastFailure = null;
    for (URI base : urls) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(base.resolve(path))
              .timeout(Duration.ofSeconds(30))
              .header("Accept", CONTENT_TYPE + ", application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      if (body != null) {
        request.header("Content-Type", CONTENT_TYPE);
      }
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      HttpResponse<String> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        lastFailure = e;
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException("Interrupted calling the Schema Registry", e);
      }
      return answer(method, path, response);
    }
    throw new SchemaRegistryException(
        "Cannot reach the Schema Registry at " + urls + ": " + Objects.toString(lastFailure),
        lastFailure);
  }

  private static JsonNode answer(String method, String path, HttpResponse<String> response) {
    JsonNode json;
    try {
      json = MAPPER.readTree(response.body());
    } catch (IOException e) {
      json = null;
    }
    if (response.statusCode() == 200 && json != null) {
      return json;
    }
    if (json != null && json.has("error_code")) {
      throw new SchemaRegistryException(
          response.statusCode(),
          json.path("error_code").asInt(),
          method + " /" + path + ": " + json.path("message").asText());
    }
    throw new SchemaRegistryException(
        response.statusCode(),
        50005,
        method + " /" + path + ": unexpected answer (HTTP " + response.statusCode() + ")");
  }
}
