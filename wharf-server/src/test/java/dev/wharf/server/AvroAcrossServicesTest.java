package dev.wharf.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.config.Config;
import dev.wharf.core.http.Json;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.connect.file.FileStreamSourceConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three services of {@code wharf start} working on one topic: a Connect source writing with
 * Confluent's {@code AvroConverter} into the embedded registry, read back as JSON by a REST Proxy
 * avro consumer, which finds that registry without being told.
 */
@ExtendWith(SharedKafkaBroker.class)
class AvroAcrossServicesTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void connectAvroConverterRecordsAreDecodedByAProxyAvroConsumer(
      EmbeddedKafkaBroker broker, @TempDir Path dir) throws Exception {
    String id = UUID.randomUUID().toString().substring(0, 8);
    Path plugins = Files.createDirectories(dir.resolve("plugins/connect-file"));
    Files.copy(
        Path.of(
            FileStreamSourceConnector.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI()),
        plugins.resolve("connect-file.jar"));
    Path config =
        Files.writeString(
            dir.resolve("wharf.properties"),
            String.join(
                "\n",
                "bootstrap.servers=" + broker.bootstrapServers(),
                "connect.listeners=http://127.0.0.1:0",
                "proxy.listeners=http://127.0.0.1:0",
                "registry.listeners=http://127.0.0.1:0",
                "connect.group.id=avro-across-" + id,
                "connect.config.storage.topic=_avro-across-configs-" + id,
                "connect.offset.storage.topic=_avro-across-offsets-" + id,
                "connect.status.storage.topic=_avro-across-status-" + id,
                "registry.kafkastore.topic=_schemas-avro-across-" + id,
                "registry.schema.registry.group.id=avro-across-registry-" + id,
                ""));
    Path data = Files.createDirectories(dir.resolve("data"));
    Config server = ServerConfig.load(config, null, Map.of(), data);
    StringWriter lines = new StringWriter();
    try (WharfServer wharf = WharfServer.start(server, data, dir, new PrintWriter(lines, true))) {
      URI connect = urlOf(lines, "Connect ");
      URI proxy = urlOf(lines, "REST Proxy ");
      URI registry = urlOf(lines, "Schema Registry ");

      Path input = Files.writeString(dir.resolve("input.txt"), "alpha\nbeta\n");
      String topic = "avro-across-" + id;
      HttpResponse<String> created =
          send(
              "POST",
              connect.resolve("/connectors"),
              "application/json",
              "{\"name\":\"avro-file-"
                  + id
                  + "\",\"config\":{\"connector.class\":\"FileStreamSource\",\"tasks.max\":\"1\","
                  + "\"file\":\""
                  + input
                  + "\",\"topic\":\""
                  + topic
                  + "\",\"value.converter\":\"io.confluent.connect.avro.AvroConverter\","
                  + "\"value.converter.schema.registry.url\":\""
                  + registry
                  + "\"}}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

      // The converter registered the value schema under TopicNameStrategy's subject.
      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () ->
                  send("GET", registry.resolve("/subjects"), null, null)
                      .body()
                      .contains(topic + "-value"));

      HttpResponse<String> consumer =
          send(
              "POST",
              proxy.resolve("/consumers/proxy-readers-" + id),
              "application/vnd.kafka.v2+json",
              "{\"name\":\"reader\",\"format\":\"avro\",\"auto.offset.reset\":\"earliest\"}");
      assertThat(consumer.statusCode()).as(consumer.body()).isEqualTo(200);
      URI base = URI.create(Json.mapper().readTree(consumer.body()).get("base_uri").asText());
      HttpResponse<String> subscribed =
          send(
              "POST",
              URI.create(base + "/subscription"),
              "application/vnd.kafka.v2+json",
              "{\"topics\":[\"" + topic + "\"]}");
      assertThat(subscribed.statusCode()).isEqualTo(204);

      List<String> values = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () -> {
                HttpRequest request =
                    HttpRequest.newBuilder(URI.create(base + "/records?timeout=1000"))
                        .header("Accept", "application/vnd.kafka.avro.v2+json")
                        .build();
                HttpResponse<String> reply =
                    HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
                for (JsonNode record : Json.mapper().readTree(reply.body())) {
                  values.add(record.get("value").asText());
                }
                return values.size() >= 2;
              });
      assertThat(values).containsExactly("alpha", "beta");
    }
  }

  private static URI urlOf(StringWriter lines, String service) {
    return lines
        .toString()
        .lines()
        .filter(line -> line.startsWith(service))
        .map(line -> line.trim().split("\\s+"))
        .map(words -> URI.create(words[words.length - 1]))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line for " + service + " in " + lines));
  }

  private static HttpResponse<String> send(String method, URI uri, String type, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (type != null) {
      request.header("Content-Type", type);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
