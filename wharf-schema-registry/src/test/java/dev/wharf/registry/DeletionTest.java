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
class DeletionTest {
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
    return "d-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void softThenHardDeleteOfAVersion() {
    String subject = subject();
    client.register(subject, RegistrationTest.USER_V1);
    int second = client.register(subject, RegistrationTest.USER_V2);

    Reply notFirst = client.delete("/subjects/" + subject + "/versions/2?permanent=true");
    assertThat(notFirst.status()).isEqualTo(404);
    assertThat(notFirst.errorCode()).isEqualTo(40407);

    Reply soft = client.delete("/subjects/" + subject + "/versions/2");
    assertThat(soft.status()).isEqualTo(200);
    assertThat(soft.text()).isEqualTo("2");
    assertThat(client.get("/subjects/" + subject + "/versions").text()).isEqualTo("[1]");
    assertThat(client.get("/subjects/" + subject + "/versions?deleted=true").text())
        .isEqualTo("[1,2]");
    assertThat(client.get("/subjects/" + subject + "/versions/2").errorCode()).isEqualTo(40402);
    assertThat(client.get("/subjects/" + subject + "/versions/2?deleted=true").status())
        .isEqualTo(200);
    // A soft-deleted schema is still served by id, and a lookup with deleted=true finds it.
    assertThat(client.get("/schemas/ids/" + second).status()).isEqualTo(200);
    assertThat(
            client
                .post(
                    "/subjects/" + subject + "?deleted=true",
                    RegistryClient.schemaBody(RegistrationTest.USER_V2, null))
                .json()
                .get("version")
                .asInt())
        .isEqualTo(2);

    Reply again = client.delete("/subjects/" + subject + "/versions/2");
    assertThat(again.errorCode()).isEqualTo(40406);

    Reply hard = client.delete("/subjects/" + subject + "/versions/2?permanent=true");
    assertThat(hard.text()).isEqualTo("2");
    assertThat(client.get("/subjects/" + subject + "/versions?deleted=true").text())
        .isEqualTo("[1]");
    Reply gone = client.get("/schemas/ids/" + second);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.text())
        .isEqualTo("{\"error_code\":40403,\"message\":\"Schema " + second + " not found\"}");
  }

  @Test
  void softThenHardDeleteOfASubject() {
    String subject = subject();
    int id = client.register(subject, RegistrationTest.USER_V1);
    client.register(subject, RegistrationTest.USER_V2);
    client.put("/config/" + subject, "{\"compatibility\":\"NONE\"}");

    Reply notFirst = client.delete("/subjects/" + subject + "?permanent=true");
    assertThat(notFirst.errorCode()).isEqualTo(40405);

    Reply soft = client.delete("/subjects/" + subject);
    assertThat(soft.status()).isEqualTo(200);
    assertThat(soft.text()).isEqualTo("[1,2]");
    assertThat(client.get("/subjects").json().toString()).doesNotContain(subject);
    assertThat(client.get("/subjects?deleted=true").json().toString()).contains(subject);
    assertThat(client.get("/subjects?deletedOnly=true").json().toString()).contains(subject);
    assertThat(client.get("/subjects/" + subject + "/versions").errorCode()).isEqualTo(40401);
    // The subject's own config went with it.
    assertThat(client.get("/config/" + subject).errorCode()).isEqualTo(40408);

    Reply again = client.delete("/subjects/" + subject);
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.errorCode()).isEqualTo(40404);

    // Registering again after a soft delete continues the versions and keeps the id.
    assertThat(client.register(subject, RegistrationTest.USER_V1)).isEqualTo(id);
    assertThat(client.get("/subjects/" + subject + "/versions").text()).isEqualTo("[3]");
    assertThat(client.delete("/subjects/" + subject).text()).isEqualTo("[3]");

    Reply hard = client.delete("/subjects/" + subject + "?permanent=true");
    assertThat(hard.text()).isEqualTo("[1,2,3]");
    assertThat(client.get("/subjects?deleted=true").json().toString()).doesNotContain(subject);
    assertThat(client.delete("/subjects/" + subject).errorCode()).isEqualTo(40401);
  }

  @Test
  void readOnlyModeRefusesWritesAndImportNeedsAnEmptySubject() {
    String subject = subject();
    client.register(subject, RegistrationTest.USER_V1);
    assertThat(client.get("/mode").text()).isEqualTo("{\"mode\":\"READWRITE\"}");
    assertThat(client.get("/mode/" + subject).errorCode()).isEqualTo(40409);
    assertThat(client.put("/mode/" + subject, "{\"mode\":\"READONLY\"}").text())
        .isEqualTo("{\"mode\":\"READONLY\"}");
    Reply refused =
        client.post(
            "/subjects/" + subject + "/versions",
            RegistryClient.schemaBody(RegistrationTest.USER_V2, null));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.errorCode()).isEqualTo(42205);
    assertThat(client.delete("/subjects/" + subject).errorCode()).isEqualTo(42205);
    assertThat(client.delete("/mode/" + subject).text()).isEqualTo("{\"mode\":\"READONLY\"}");
    assertThat(client.put("/mode/" + subject, "{\"mode\":\"SIDEWAYS\"}").errorCode())
        .isEqualTo(42204);
    assertThat(client.put("/mode/" + subject, "{\"mode\":\"IMPORT\"}").errorCode())
        .isEqualTo(42205);

    String imported = subject();
    assertThat(client.put("/mode/" + imported, "{\"mode\":\"IMPORT\"}").status()).isEqualTo(200);
    Reply withId =
        client.post(
            "/subjects/" + imported + "/versions",
            "{\"schema\":\"\\\"bytes\\\"\",\"id\":9000,\"version\":4}");
    assertThat(withId.text()).isEqualTo("{\"id\":9000}");
    assertThat(client.get("/subjects/" + imported + "/versions").text()).isEqualTo("[4]");
    Reply clash =
        client.post(
            "/subjects/" + imported + "/versions",
            "{\"schema\":\"\\\"long\\\"\",\"id\":9000,\"version\":5}");
    assertThat(clash.errorCode()).isEqualTo(42207);
  }
}
