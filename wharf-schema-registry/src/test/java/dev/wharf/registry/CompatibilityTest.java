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
class CompatibilityTest {
  static final String V1 =
      "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}";

  /** Adds a field without default: old data cannot be read (not BACKWARD), old readers cope. */
  static final String ADD_REQUIRED =
      "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
          + "{\"name\":\"b\",\"type\":\"int\"}]}";

  /** Adds a field with a default: compatible both ways. */
  static final String ADD_DEFAULT =
      "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
          + "{\"name\":\"c\",\"type\":\"int\",\"default\":1}]}";

  /** Removes field a (no default): new data cannot be read by the old schema (not FORWARD). */
  static final String REMOVE_A = "{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}";

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
    return "c-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static Reply register(String subject, String schema) {
    return client.post(
        "/subjects/" + subject + "/versions", RegistryClient.schemaBody(schema, null));
  }

  private static void level(String subject, String level) {
    Reply reply = client.put("/config/" + subject, "{\"compatibility\":\"" + level + "\"}");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.text()).isEqualTo("{\"compatibility\":\"" + level + "\"}");
  }

  @Test
  void backwardIncompatibleSchemaIsRefusedWith409() {
    String subject = subject();
    client.register(subject, V1);
    Reply refused = register(subject, ADD_REQUIRED);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.errorCode()).isEqualTo(409);
    assertThat(refused.json().get("message").asText())
        .startsWith(
            "Schema being registered is incompatible with an earlier schema for subject \""
                + subject
                + "\", details: [")
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE", "BACKWARD");
    assertThat(register(subject, ADD_DEFAULT).status()).isEqualTo(200);
    assertThat(register(subject, REMOVE_A).status()).isEqualTo(200);
  }

  @Test
  void forwardRefusesWhatOldReadersCannotRead() {
    String subject = subject();
    level(subject, "FORWARD");
    client.register(subject, V1);
    assertThat(register(subject, REMOVE_A).status()).isEqualTo(409);
    assertThat(register(subject, ADD_REQUIRED).status()).isEqualTo(200);
  }

  @Test
  void fullNeedsBothDirectionsAndNoneNeither() {
    String subject = subject();
    level(subject, "FULL");
    client.register(subject, V1);
    assertThat(register(subject, ADD_REQUIRED).status()).isEqualTo(409);
    assertThat(register(subject, REMOVE_A).status()).isEqualTo(409);
    assertThat(register(subject, ADD_DEFAULT).status()).isEqualTo(200);
    String free = subject();
    level(free, "NONE");
    client.register(free, V1);
    assertThat(register(free, "\"int\"").status()).isEqualTo(200);
  }

  @Test
  void transitiveLevelsCheckEveryVersionNotJustTheLatest() {
    String plain = subject();
    String transitive = subject();
    level(transitive, "BACKWARD_TRANSITIVE");
    String v2 =
        "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
            + "{\"name\":\"b\",\"type\":\"int\",\"default\":0}]}";
    // v3 drops b's default: readable from v1 data? No (b missing, no default) - but v2 data yes.
    String v3 =
        "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
            + "{\"name\":\"b\",\"type\":\"int\"}]}";
    for (String subject : new String[] {plain, transitive}) {
      client.register(subject, V1);
      client.register(subject, v2);
    }
    assertThat(register(plain, v3).status()).isEqualTo(200);
    assertThat(register(transitive, v3).status()).isEqualTo(409);
  }

  @Test
  void compatibilityEndpointAnswersWithoutRegistering() {
    String subject = subject();
    client.register(subject, V1);
    Reply compatible =
        client.post(
            "/compatibility/subjects/" + subject + "/versions/latest",
            RegistryClient.schemaBody(ADD_DEFAULT, null));
    assertThat(compatible.status()).isEqualTo(200);
    assertThat(compatible.text()).isEqualTo("{\"is_compatible\":true}");
    Reply incompatible =
        client.post(
            "/compatibility/subjects/" + subject + "/versions/1?verbose=true",
            RegistryClient.schemaBody(ADD_REQUIRED, null));
    assertThat(incompatible.json().get("is_compatible").asBoolean()).isFalse();
    assertThat(incompatible.json().get("messages")).isNotEmpty();
    Reply all =
        client.post(
            "/compatibility/subjects/" + subject + "/versions",
            RegistryClient.schemaBody(ADD_REQUIRED, null));
    assertThat(all.text()).isEqualTo("{\"is_compatible\":false}");
    assertThat(client.get("/subjects/" + subject + "/versions").text()).isEqualTo("[1]");
    Reply unknownVersion =
        client.post(
            "/compatibility/subjects/" + subject + "/versions/7",
            RegistryClient.schemaBody(ADD_DEFAULT, null));
    assertThat(unknownVersion.status()).isEqualTo(404);
    assertThat(unknownVersion.errorCode()).isEqualTo(40402);
    Reply newSubject =
        client.post(
            "/compatibility/subjects/" + subject() + "/versions/latest",
            RegistryClient.schemaBody(ADD_DEFAULT, null));
    assertThat(newSubject.text()).isEqualTo("{\"is_compatible\":true}");
  }

  @Test
  void jsonSchemaBackwardRulesApply() {
    String subject = subject();
    String open = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}";
    String requiredAdded =
        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"string\"}},"
            + "\"required\":[\"b\"]}";
    String typeChanged = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}}}";
    String optionalAddedWithAnything =
        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"},\"c\":{}}}";
    client.post("/subjects/" + subject + "/versions", RegistryClient.schemaBody(open, "JSON"));
    Reply required =
        client.post(
            "/subjects/" + subject + "/versions", RegistryClient.schemaBody(requiredAdded, "JSON"));
    assertThat(required.status()).isEqualTo(409);
    assertThat(required.json().get("message").asText()).contains("REQUIRED_ATTRIBUTE_ADDED");
    assertThat(
            client
                .post(
                    "/subjects/" + subject + "/versions",
                    RegistryClient.schemaBody(typeChanged, "JSON"))
                .status())
        .isEqualTo(409);
    assertThat(
            client
                .post(
                    "/subjects/" + subject + "/versions",
                    RegistryClient.schemaBody(optionalAddedWithAnything, "JSON"))
                .status())
        .isEqualTo(200);
  }

  @Test
  void configEndpointsUseConfluentsFieldNames() {
    assertThat(client.get("/config").text()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    String subject = subject();
    Reply none = client.get("/config/" + subject);
    assertThat(none.status()).isEqualTo(404);
    assertThat(none.errorCode()).isEqualTo(40408);
    assertThat(client.get("/config/" + subject + "?defaultToGlobal=true").text())
        .isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    level(subject, "FULL_TRANSITIVE");
    assertThat(client.get("/config/" + subject).text())
        .isEqualTo("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");
    Reply deleted = client.delete("/config/" + subject);
    assertThat(deleted.text()).isEqualTo("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");
    assertThat(client.delete("/config/" + subject).errorCode()).isEqualTo(40401);
    Reply invalid = client.put("/config/" + subject, "{\"compatibility\":\"SIDEWAYS\"}");
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.errorCode()).isEqualTo(42203);
    assertThat(invalid.json().get("message").asText())
        .isEqualTo(
            "Invalid compatibility level. Valid values are none, backward, forward, full,"
                + " backward_transitive, forward_transitive, and full_transitive");
    assertThat(client.put("/config/" + subject, "{\"compatibility\":\"none\"}").text())
        .isEqualTo("{\"compatibility\":\"NONE\"}");
  }
}
