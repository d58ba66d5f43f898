package dev.wharf.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import dev.wharf.registry.RegistryClient.Reply;
import dev.wharf.registry.testing.TestRegistries;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaBroker.class)
class RegistrationTest {
  static final String USER_V1 =
      "{\"type\":\"record\",\"name\":\"User\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"}]}";
  static final String USER_V2 =
      "{\"type\":\"record\",\"name\":\"User\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"},"
          + "{\"name\":\"age\",\"type\":\"int\",\"default\":0}]}";

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
    return "s-" + UUID.randomUUID().toString().substring(0, 8) + "-value";
  }

  @Test
  void registerAnswersTheIdAndTheVersionReadsBack() {
    String subject = subject();
    Reply registered =
        client.post(
            "/subjects/" + subject + "/versions",
            "{\"schema\":\"{\\\"type\\\": \\\"string\\\"}\"}");
    assertThat(registered.status()).isEqualTo(200);
    assertThat(registered.contentType()).isEqualTo(RegistryClient.V1);
    int id = registered.json().get("id").asInt();
    assertThat(registered.text()).isEqualTo("{\"id\":" + id + "}");

    Reply version = client.get("/subjects/" + subject + "/versions/1");
    assertThat(version.status()).isEqualTo(200);
    assertThat(version.text())
        .isEqualTo(
            "{\"subject\":\""
                + subject
                + "\",\"version\":1,\"id\":"
                + id
                + ",\"schema\":\"\\\"string\\\"\"}");
    assertThat(client.get("/subjects/" + subject + "/versions/latest").json())
        .isEqualTo(version.json());
    assertThat(client.get("/subjects/" + subject + "/versions/-1").json())
        .isEqualTo(version.json());
    assertThat(client.get("/subjects/" + subject + "/versions/1/schema").text())
        .isEqualTo("\"string\"");
    assertThat(client.get("/schemas/ids/" + id).text())
        .isEqualTo("{\"schema\":\"\\\"string\\\"\"}");
    assertThat(client.get("/schemas/ids/" + id + "/schema").text()).isEqualTo("\"string\"");
    assertThat(client.get("/schemas/ids/" + id + "/subjects").json().toString())
        .contains("\"" + subject + "\"");
    assertThat(client.get("/schemas/ids/" + id + "/versions").json().toString())
        .contains("{\"subject\":\"" + subject + "\",\"version\":1}");
    assertThat(client.get("/subjects/" + subject + "/versions").text()).isEqualTo("[1]");
    assertThat(client.get("/subjects").json().toString()).contains("\"" + subject + "\"");
  }

  @Test
  void reRegisteringIsIdempotentAndANewSchemaIsTheNextVersion() {
    String subject = subject();
    int first = client.register(subject, USER_V1);
    assertThat(client.register(subject, USER_V1)).isEqualTo(first);
    int second = client.register(subject, USER_V2);
    assertThat(second).isNotEqualTo(first);
    assertThat(client.get("/subjects/" + subject + "/versions").text()).isEqualTo("[1,2]");
    assertThat(client.get("/subjects/" + subject + "/versions/latest").json().get("id").asInt())
        .isEqualTo(second);
  }

  @Test
  void theSameSchemaUnderAnotherSubjectGetsTheSameId() {
    String one = subject();
    String two = subject();
    int id = client.register(one, USER_V1);
    assertThat(client.register(two, USER_V1)).isEqualTo(id);
    // Formatting differences do not make another schema: the canonical text is compared.
    String spaced = USER_V1.replace(":", " : ").replace(",", " ,\n ");
    assertThat(client.register(subject(), spaced)).isEqualTo(id);
    assertThat(client.get("/schemas/ids/" + id + "/subjects").json()).hasSize(3);
  }

  @Test
  void lookupFindsTheVersionOfARegisteredSchema() {
    String subject = subject();
    int id = client.register(subject, USER_V1);
    Reply found = client.post("/subjects/" + subject, RegistryClient.schemaBody(USER_V1, null));
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.json().get("subject").asText()).isEqualTo(subject);
    assertThat(found.json().get("version").asInt()).isEqualTo(1);
    assertThat(found.json().get("id").asInt()).isEqualTo(id);
    assertThat(found.json().get("schema").asText()).isEqualTo(USER_V1);

    Reply missing = client.post("/subjects/" + subject, RegistryClient.schemaBody(USER_V2, null));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.text()).isEqualTo("{\"error_code\":40403,\"message\":\"Schema not found\"}");
    Reply noSubject =
        client.post("/subjects/" + subject() + "x", RegistryClient.schemaBody(USER_V1, null));
    assertThat(noSubject.status()).isEqualTo(404);
    assertThat(noSubject.errorCode()).isEqualTo(40401);
  }

  @Test
  void jsonSchemasRegisterWithTheirTypeShown() {
    String subject = subject();
    String schema = "{\"type\":\"object\",\"properties\":{\"f\":{\"type\":\"string\"}}}";
    Reply registered =
        client.post(
            "/subjects/" + subject + "/versions", RegistryClient.schemaBody(schema, "JSON"));
    assertThat(registered.status()).isEqualTo(200);
    int id = registered.json().get("id").asInt();
    assertThat(client.get("/schemas/ids/" + id).json().get("schemaType").asText())
        .isEqualTo("JSON");
    assertThat(client.get("/subjects/" + subject + "/versions/1").json().get("schemaType").asText())
        .isEqualTo("JSON");
    // Same text, another type: another schema.
    Reply asAvroString =
        client.post(
            "/subjects/" + subject() + "/versions", RegistryClient.schemaBody("\"string\"", null));
    assertThat(asAvroString.json().get("id").asInt()).isNotEqualTo(id);
  }

  @Test
  void referencesResolveAgainstRegisteredVersions() {
    String addressSubject = subject();
    client.register(
        addressSubject,
        "{\"type\":\"record\",\"name\":\"Address\",\"namespace\":\"x\",\"fields\":[{\"name\":\"city\",\"type\":\"string\"}]}");
    String subject = subject();
    String body =
        "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Person\\\",\\\"fields\\\":[{\\\"name\\\":\\\"home\\\",\\\"type\\\":\\\"x.Address\\\"}]}\","
            + "\"references\":[{\"name\":\"x.Address\",\"subject\":\""
            + addressSubject
            + "\",\"version\":1}]}";
    Reply registered = client.post("/subjects/" + subject + "/versions", body);
    assertThat(registered.status()).isEqualTo(200);
    int id = registered.json().get("id").asInt();
    Reply byId = client.get("/schemas/ids/" + id);
    assertThat(byId.json().get("references").get(0).get("subject").asText())
        .isEqualTo(addressSubject);
    assertThat(byId.json().get("schema").asText()).contains("\"type\":\"x.Address\"");
    assertThat(client.get("/subjects/" + addressSubject + "/versions/1/referencedby").text())
        .isEqualTo("[" + id + "]");
    Reply referenced = client.delete("/subjects/" + addressSubject + "/versions/1");
    assertThat(referenced.status()).isEqualTo(422);
    assertThat(referenced.errorCode()).isEqualTo(42206);
  }

  @Test
  void concurrentRegistrationsOfOneSchemaGetOneIdAndOneVersion() throws Exception {
    String subject = subject();
    String schema =
        "{\"type\":\"record\",\"name\":\"C"
            + UUID.randomUUID().toString().replace("-", "")
            + "\",\"fields\":[]}";
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        String target = i % 2 == 0 ? subject : subject + "-other";
        calls.add(() -> client.register(target, schema));
      }
      Set<Integer> ids = new HashSet<>();
      for (Future<Integer> result : pool.invokeAll(calls)) {
        ids.add(result.get());
      }
      assertThat(ids).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(client.get("/subjects/" + subject + "/versions").text()).isEqualTo("[1]");
  }

  @Test
  void concurrentRegistrationsOfDistinctSchemasGetDistinctIdsAndContiguousVersions()
      throws Exception {
    String subject = subject();
    client.put("/config/" + subject, "{\"compatibility\":\"NONE\"}");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Integer> ids = new ArrayList<>();
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String schema = "{\"type\":\"record\",\"name\":\"D" + i + "\",\"fields\":[]}";
        calls.add(() -> client.register(subject, schema));
      }
      for (Future<Integer> result : pool.invokeAll(calls)) {
        ids.add(result.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(new HashSet<>(ids)).hasSize(40);
    List<Integer> versions = new ArrayList<>();
    client.get("/subjects/" + subject + "/versions").json().forEach(v -> versions.add(v.asInt()));
    assertThat(versions).hasSize(40).startsWith(1).endsWith(40);
    Set<Integer> idsByVersion = new HashSet<>();
    for (int version : versions) {
      idsByVersion.add(
          client.get("/subjects/" + subject + "/versions/" + version).json().get("id").asInt());
    }
    assertThat(idsByVersion).isEqualTo(new HashSet<>(ids));
  }

  @Test
  void schemasListAndTypesAndRoot() {
    String subject = subject();
    client.register(subject, USER_V1);
    client.register(subject, USER_V2);
    Reply all = client.get("/schemas?subjectPrefix=" + subject);
    assertThat(all.json()).hasSize(2);
    Reply latest = client.get("/schemas?latestOnly=true&subjectPrefix=" + subject);
    assertThat(latest.json()).hasSize(1);
    assertThat(latest.json().get(0).get("version").asInt()).isEqualTo(2);
    assertThat(client.get("/schemas/types").json().toString()).contains("AVRO", "JSON");
    assertThat(client.get("/").text()).isEqualTo("{}");
    assertThat(client.post("/", "{}").text()).isEqualTo("{}");
    Reply metadata = client.get("/v1/metadata/id");
    assertThat(metadata.json().at("/scope/clusters/schema-registry-cluster").asText())
        .startsWith("registry-_schemas-");
    assertThat(metadata.json().at("/scope/clusters/kafka-cluster").asText()).isNotEmpty();
    assertThat(client.get("/schemas/ids/1?fetchMaxId=true").json().get("maxId").asInt())
        .isPositive();
  }

  @Test
  void answersJsonForWildcardAndPlainJsonAccept() {
    Reply wildcard = client.send("GET", "/config", null, null, "*/*");
    assertThat(wildcard.status()).isEqualTo(200);
    assertThat(wildcard.contentType()).isEqualTo(RegistryClient.V1);
    Reply json = client.send("GET", "/config", null, null, "application/json");
    assertThat(json.contentType()).startsWith("application/json");
    Reply html = client.send("GET", "/config", null, null, "text/html");
    assertThat(html.status()).isEqualTo(406);
    assertThat(html.errorCode()).isEqualTo(406);
  }
}
