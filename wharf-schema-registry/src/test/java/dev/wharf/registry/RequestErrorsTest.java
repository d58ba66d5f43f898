package dev.wharf.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import dev.wharf.registry.RegistryClient.Reply;
import dev.wharf.registry.testing.TestRegistries;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaBroker.class)
class RequestErrorsTest {
  private static SchemaRegistry registry;
  private static RegistryClient client;

  @BeforeAll
  static void start(EmbeddedKafkaBroker broker) {
    registry = TestRegistries.start(broker, TestRegistries.uniqueTopic());
    client = new RegistryClient(registry.url());
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  private static String subject() {
    return "e-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void unknownSubjectAndVersionAnswer40401And40402() {
    String subject = subject();
    Reply noSubject = client.get("/subjects/" + subject + "/versions/1");
    assertThat(noSubject.status()).isEqualTo(404);
    assertThat(noSubject.contentType()).isEqualTo(RegistryClient.V1);
    assertThat(noSubject.text())
        .isEqualTo("{\"error_code\":40401,\"message\":\"Subject '" + subject + "' not found.\"}");
    assertThat(client.get("/subjects/" + subject + "/versions").errorCode()).isEqualTo(40401);
    client.register(subject, "\"string\"");
    Reply noVersion = client.get("/subjects/" + subject + "/versions/3");
    assertThat(noVersion.status()).isEqualTo(404);
    assertThat(noVersion.text())
        .isEqualTo("{\"error_code\":40402,\"message\":\"Version 3 not found.\"}");
    assertThat(client.get("/schemas/ids/987654").errorCode()).isEqualTo(40403);
    assertThat(client.get("/schemas/ids/987654/subjects").errorCode()).isEqualTo(40403);
  }

  @Test
  void invalidVersionIs42202() {
    String subject = subject();
    client.register(subject, "\"string\"");
    for (String version : new String[] {"0", "-2", "abc", "2147483648"}) {
      Reply reply = client.get("/subjects/" + subject + "/versions/" + version);
      assertThat(reply.status()).as(version).isEqualTo(422);
      assertThat(reply.text())
          .isEqualTo(
              "{\"error_code\":42202,\"message\":\"The specified version '"
                  + version
                  + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the"
                  + " string \\\"latest\\\"\"}");
    }
    assertThat(client.get("/subjects/" + subject + "/versions/LATEST").status()).isEqualTo(200);
  }

  @Test
  void invalidSchemasAre42201() {
    String subject = subject();
    for (String body :
        new String[] {
          "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\"}\"}",
          "{\"schema\":\"not json\"}",
          "{\"schema\":\"\\\"nosuchtype\\\"\"}",
          "{\"schema\":\"\"}",
          "{}",
          "{\"schema\":\"{\\\"type\\\":5}\",\"schemaType\":\"JSON\"}",
          "{\"schema\":\"syntax = \\\"proto3\\\";\",\"schemaType\":\"PROTOBUF\"}",
          "{\"schema\":\"\\\"string\\\"\",\"schemaType\":\"XML\"}"
        }) {
      Reply reply = client.post("/subjects/" + subject + "/versions", body);
      assertThat(reply.status()).as(body).isEqualTo(422);
      assertThat(reply.errorCode()).as(body).isEqualTo(42201);
      assertThat(reply.json().get("message").asText()).as(body).isNotBlank();
    }
    assertThat(client.get("/subjects/" + subject + "/versions").errorCode()).isEqualTo(40401);
  }

  @Test
  void malformedOrMisshapenJsonIs400AndAMissingBodyIs422() {
    String subject = subject();
    Reply malformed = client.post("/subjects/" + subject + "/versions", "{\"schema\":");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.errorCode()).isEqualTo(400);
    Reply array = client.post("/subjects/" + subject + "/versions", "[1,2]");
    assertThat(array.status()).isEqualTo(400);
    assertThat(array.errorCode()).isEqualTo(400);
    // Confluent 7.x (SR #2729): a schema sent as an object rather than a string is a 400.
    Reply objectSchema = client.post("/subjects/" + subject + "/versions", "{\"schema\":{}}");
    assertThat(objectSchema.status()).isEqualTo(400);
    assertThat(objectSchema.errorCode()).isEqualTo(400);
    Reply empty = client.post("/subjects/" + subject + "/versions", "");
    assertThat(empty.status()).isEqualTo(422);
    assertThat(empty.errorCode()).isEqualTo(422);
  }

  @Test
  void foreignContentTypeIs415AndMissingOneIsJson() {
    String subject = subject();
    Reply xml =
        client.send(
            "POST",
            "/subjects/" + subject + "/versions",
            "text/xml",
            "{\"schema\":\"\\\"int\\\"\"}",
            null);
    assertThat(xml.status()).isEqualTo(415);
    assertThat(xml.errorCode()).isEqualTo(415);
    Reply none =
        client.send(
            "POST",
            "/subjects/" + subject + "/versions",
            null,
            "{\"schema\":\"\\\"int\\\"\"}",
            null);
    assertThat(none.status()).isEqualTo(200);
    Reply json =
        client.send(
            "POST",
            "/subjects/" + subject + "/versions",
            "application/json; charset=utf-8",
            "{\"schema\":\"\\\"int\\\"\",\"unknownField\":true}",
            null);
    assertThat(json.status()).isEqualTo(200);
  }

  @Test
  void aSchemaKafkaRefusesIs50001NamingTheTopic() {
    String doc = "x".repeat(1_500_000);
    Reply reply =
        client.post(
            "/subjects/" + subject() + "/versions",
            RegistryClient.schemaBody(
                "{\"type\":\"record\",\"name\":\"Big\",\"doc\":\"" + doc + "\",\"fields\":[]}",
                null));
    assertThat(reply.status()).isEqualTo(500);
    assertThat(reply.errorCode()).isEqualTo(50001);
    assertThat(reply.json().get("message").asText()).contains("_schemas-");
  }

  @Test
  void unknownPathsAndMethodsAnswerJson() {
    Reply unknown = client.get("/no/such/path");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo(404);
    assertThat(unknown.json().get("message").asText()).startsWith("HTTP 404");
    Reply method = client.send("PATCH", "/config", RegistryClient.V1, "{}", null);
    assertThat(method.status()).isIn(404, 405);
    assertThat(method.json().has("error_code")).isTrue();
    assertThat(client.get("/schemas/ids/notanumber").status()).isEqualTo(404);
  }
}
