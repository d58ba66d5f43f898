package dev.wharf.proxy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.http.Json;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import dev.wharf.proxy.ProxyClient.Reply;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaBroker.class)
class V3Test {
  private static RestProxy proxy;
  private static ProxyClient client;
  private static String cluster;
  private static EmbeddedKafkaBroker kafka;

  @BeforeAll
  static void start(EmbeddedKafkaBroker broker) {
    kafka = broker;
    proxy = ProxyFixture.start(broker, Map.of("api.v3.produce.batch.maximum.entries", "3"));
    client = new ProxyClient(proxy.url());
    cluster = "/v3/clusters/" + broker.clusterId();
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String createTopic(int partitions) {
    String name = unique("v3");
    Reply created =
        client.post(
            cluster + "/topics",
            ProxyClient.JSON,
            "{\"topic_name\":\""
                + name
                + "\",\"partitions_count\":"
                + partitions
                + ",\"replication_factor\":1,\"configs\":[{\"name\":\"max.message.bytes\","
                + "\"value\":\"200000\"}]}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return name;
  }

  @Test
  void clustersAndBrokers() {
    Reply clusters = client.get("/v3/clusters");
    assertThat(clusters.status()).isEqualTo(200);
    assertThat(clusters.json().get("kind").asText()).isEqualTo("KafkaClusterList");
    JsonNode first = clusters.json().get("data").get(0);
    assertThat(first.get("cluster_id").asText()).isEqualTo(kafka.clusterId());
    assertThat(first.get("metadata").get("self").asText()).isEqualTo(proxy.url() + cluster);
    assertThat(first.get("topics").get("related").asText())
        .isEqualTo(proxy.url() + cluster + "/topics");

    assertThat(client.get(cluster).json().get("kind").asText()).isEqualTo("KafkaCluster");
    JsonNode brokers = client.get(cluster + "/brokers").json().get("data");
    assertThat(brokers).hasSize(1);
    int id = brokers.get(0).get("broker_id").asInt();
    assertThat(client.get(cluster + "/brokers/" + id).json().get("port").asInt())
        .isEqualTo(kafka.port());
    assertThat(client.get(cluster + "/brokers/999").status()).isEqualTo(404);
    assertThat(client.get("/v3/clusters/not-this-one/topics").status()).isEqualTo(404);
  }

  @Test
  void topicLifecycleWithConfigsAndPartitions() {
    String topic = createTopic(1);
    String path = cluster + "/topics/" + topic;
    JsonNode got = client.get(path).json();
    assertThat(got.get("kind").asText()).isEqualTo("KafkaTopic");
    assertThat(got.get("partitions_count").asInt()).isEqualTo(1);
    assertThat(got.get("replication_factor").asInt()).isEqualTo(1);
    assertThat(client.get(cluster + "/topics").text()).contains("\"" + topic + "\"");

    Reply again =
        client.post(cluster + "/topics", ProxyClient.JSON, "{\"topic_name\":\"" + topic + "\"}");
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.errorCode()).isEqualTo(40002);

    assertThat(client.get(path + "/configs/max.message.bytes").json().get("value").asText())
        .isEqualTo("200000");
    Reply set =
        client.send(
            "PUT", path + "/configs/retention.ms", ProxyClient.JSON, "{\"value\":\"60000\"}", null);
    assertThat(set.status()).isEqualTo(204);
    assertThat(client.get(path + "/configs/retention.ms").json().get("value").asText())
        .isEqualTo("60000");
    Reply alter =
        client.post(
            path + "/configs:alter",
            ProxyClient.JSON,
            "{\"data\":[{\"name\":\"retention.ms\",\"operation\":\"DELETE\"},"
                + "{\"name\":\"cleanup.policy\",\"value\":\"delete\"}]}");
    assertThat(alter.status()).as(alter.text()).isEqualTo(204);
    JsonNode retention = client.get(path + "/configs/retention.ms").json();
    assertThat(retention.get("is_default").asBoolean()).isTrue();
    assertThat(client.get(path + "/configs").json().get("data").size()).isGreaterThan(5);

    Reply patched = client.send("PATCH", path, ProxyClient.JSON, "{\"partitions_count\":3}", null);
    assertThat(patched.status()).as(patched.text()).isEqualTo(200);
    assertThat(patched.json().get("partitions_count").asInt()).isEqualTo(3);
    assertThat(client.get(path + "/partitions").json().get("data")).hasSize(3);
    assertThat(client.get(path + "/partitions/2").json().get("partition_id").asInt()).isEqualTo(2);

    assertThat(client.delete(path).status()).isEqualTo(204);
    Reply gone = client.get(path);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.errorCode()).isEqualTo(40403);
  }

  @Test
  void produceSingleBatchAndStreamedThenLagIsVisible() {
    String topic = createTopic(1);
    String records = cluster + "/topics/" + topic + "/records";

    Reply single =
        client.post(
            records,
            ProxyClient.JSON,
            "{\"key\":{\"type\":\"STRING\",\"data\":\"k\"},\"value\":{\"type\":\"JSON\","
                + "\"data\":{\"n\":1}},\"headers\":[{\"name\":\"h\",\"value\":\"AQ==\"}]}");
    assertThat(single.status()).as(single.text()).isEqualTo(200);
    JsonNode report = single.json();
    assertThat(report.get("error_code").asInt()).isEqualTo(200);
    assertThat(report.get("offset").asLong()).isZero();
    assertThat(report.get("key").get("type").asText()).isEqualTo("STRING");
    assertThat(report.get("value").get("size").asInt()).isEqualTo(7);

    Reply batch =
        client.post(
            records + ":batch",
            ProxyClient.JSON,
            "{\"entries\":[{\"id\":\"a\",\"value\":{\"type\":\"BINARY\",\"data\":\"AQI=\"}},"
                + "{\"id\":\"b\",\"value\":{\"type\":\"BINARY\",\"data\":\"not base64!\"}},"
                + "{\"id\":\"c\",\"value\":{\"type\":\"STRING\",\"data\":\"x\"}}]}");
    assertThat(batch.status()).as(batch.text()).isEqualTo(207);
    assertThat(batch.json().get("successes")).as(batch.text()).hasSize(2);
    assertThat(batch.json().get("failures")).hasSize(1);
    assertThat(batch.json().get("failures").get(0).get("id").asText()).isEqualTo("b");
    assertThat(batch.json().get("failures").get(0).get("error_code").asInt()).isEqualTo(400);

    byte[] stream =
        ("{\"value\":{\"type\":\"JSON\",\"data\":1}}"
                + "{\"value\":{\"type\":\"JSON\",\"data\":2}}\n"
                + "{\"value\":{\"type\":\"JSON\",\"data\":3}}")
            .getBytes(UTF_8);
    Reply streamed =
        client.sendWith(
            "POST",
            records,
            ProxyClient.JSON,
            BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(stream)),
            null);
    assertThat(streamed.status()).isEqualTo(200);
    List<JsonNode> reports = new ArrayList<>();
    try {
      Json.mapper()
          .readerFor(JsonNode.class)
          .readValues(streamed.text())
          .forEachRemaining(node -> reports.add((JsonNode) node));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertThat(reports).hasSize(3);
    assertThat(reports.get(0).get("offset").asLong()).isEqualTo(3);
    assertThat(reports.get(2).get("offset").asLong()).isEqualTo(5);
    assertThat(streamed.text()).contains("}\r\n{");

    // A v2 consumer reads two records and commits them; the group's lag is the other four.
    String group = unique("lag-group");
    String base =
        client
            .post("/consumers/" + group, ProxyClient.V2, "{\"auto.offset.reset\":\"earliest\"}")
            .json()
            .get("base_uri")
            .asText();
    client.post(
        base + "/offsets",
        ProxyClient.V2,
        "{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":1}]}");
    String groupPath = cluster + "/consumer-groups/" + group;
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> client.get(groupPath + "/lag-summary").status() == 200);
    JsonNode summary = client.get(groupPath + "/lag-summary").json();
    assertThat(summary.get("total_lag").asLong()).isEqualTo(4);
    assertThat(summary.get("max_lag_topic_name").asText()).isEqualTo(topic);
    JsonNode lag = client.get(groupPath + "/lags").json().get("data").get(0);
    assertThat(lag.get("current_offset").asLong()).isEqualTo(2);
    assertThat(lag.get("log_end_offset").asLong()).isEqualTo(6);
    assertThat(
            client.get(groupPath + "/lags/" + topic + "/partitions/0").json().get("lag").asLong())
        .isEqualTo(4);
    assertThat(client.get(groupPath).json().get("consumer_group_id").asText()).isEqualTo(group);
    assertThat(client.get(cluster + "/consumer-groups").text()).contains(group);
    assertThat(client.get(groupPath + "/consumers").json().get("data")).isEmpty();
    client.delete(base);
  }

  @Test
  void streamedProduceReportsEachRecordBeforeTheNextIsSent() throws Exception {
    String topic = createTopic(1);
    // A raw HTTP/1.1 exchange: the JDK client sends a whole request body before reading the
    // response, and this test is about a client that reads each report before sending more.
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.url().getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
      out.write(
          ("POST "
                  + cluster
                  + "/topics/"
                  + topic
                  + "/records HTTP/1.1\r\n"
                  + "Host: localhost\r\nContent-Type: application/json\r\n"
                  + "Transfer-Encoding: chunked\r\n\r\n")
              .getBytes(UTF_8));
      writeChunk(out, "{\"value\":{\"type\":\"STRING\",\"data\":\"first\"}}");
      assertThat(in.readLine()).startsWith("HTTP/1.1 200");
      JsonNode first = Json.mapper().readTree(nextJsonLine(in));
      assertThat(first.get("error_code").asInt()).isEqualTo(200);
      assertThat(first.get("offset").asLong()).isZero();
      writeChunk(out, "{\"value\":{\"type\":\"STRING\",\"data\":\"second\"}}");
      JsonNode second = Json.mapper().readTree(nextJsonLine(in));
      assertThat(second.get("offset").asLong()).isEqualTo(1);
      out.write("0\r\n\r\n".getBytes(UTF_8));
      out.flush();
    }
  }

  private static void writeChunk(OutputStream out, String text) throws IOException {
    byte[] bytes = text.getBytes(UTF_8);
    out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(UTF_8));
    out.write(bytes);
    out.write("\r\n".getBytes(UTF_8));
    out.flush();
  }

  /** The next line of the chunked response that holds a JSON report (skipping framing lines). */
  private static String nextJsonLine(BufferedReader in) throws IOException {
    String line;
    do {
      line = in.readLine();
    } while (line != null && !line.startsWith("{"));
    return line;
  }

  @Test
  void consumersOfAGroupAreListed() {
    String topic = createTopic(1);
    String group = unique("members");
    String base =
        client
            .post("/consumers/" + group, ProxyClient.V2, "{\"name\":\"m1\"}")
            .json()
            .get("base_uri")
            .asText();
    client.post(base + "/subscription", ProxyClient.V2, "{\"topics\":[\"" + topic + "\"]}");
    String consumers = cluster + "/consumer-groups/" + group + "/consumers";
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              client.get(base + "/records?timeout=200", ProxyClient.BINARY);
              return client.get(consumers).json().path("data").size() == 1;
            });
    JsonNode member = client.get(consumers).json().get("data").get(0);
    assertThat(member.get("client_id").asText()).contains("m1");
    String id = member.get("consumer_id").asText();
    assertThat(client.get(consumers + "/" + id).json().get("consumer_id").asText()).isEqualTo(id);
    JsonNode assignments = client.get(consumers + "/" + id + "/assignments").json().get("data");
    assertThat(assignments).hasSize(1);
    assertThat(assignments.get(0).get("topic_name").asText()).isEqualTo(topic);
    assertThat(
            client
                .get(consumers + "/" + id + "/assignments/" + topic + "/partitions/0")
                .json()
                .get("partition_id")
                .asInt())
        .isZero();
    JsonNode description = client.get(cluster + "/consumer-groups/" + group).json();
    assertThat(description.get("state").asText()).isEqualTo("STABLE");
    assertThat(client.get(consumers + "/nobody").status()).isEqualTo(404);
    assertThat(client.get(cluster + "/consumer-groups/no-such-group").status()).isEqualTo(404);
    client.delete(base);
  }

  @Test
  void produceErrors() {
    String topic = createTopic(1);
    String records = cluster + "/topics/" + topic + "/records";
    Reply malformed = client.post(records, ProxyClient.JSON, "{\"value\":");
    assertThat(malformed.status()).isEqualTo(400);
    Reply base64 =
        client.post(records, ProxyClient.JSON, "{\"value\":{\"type\":\"BINARY\",\"data\":\"*\"}}");
    assertThat(base64.status()).isEqualTo(400);
    Reply avro =
        client.post(records, ProxyClient.JSON, "{\"value\":{\"type\":\"AVRO\",\"data\":1}}");
    assertThat(avro.status()).isEqualTo(400);
    assertThat(avro.json().get("message").asText()).contains("Schema Registry");
    assertThat(client.post(records, "text/plain", "{}").status()).isEqualTo(415);
    Reply empty = client.post(records, ProxyClient.JSON, "");
    assertThat(empty.status()).isEqualTo(422);
    assertThat(empty.errorCode()).isEqualTo(42206);
    Reply partition = client.post(records, ProxyClient.JSON, "{\"partition_id\":4}");
    assertThat(partition.status()).isEqualTo(404);
    Reply unknown =
        client.post(cluster + "/topics/nope-nope/records", ProxyClient.JSON, "{\"value\":null}");
    assertThat(unknown.status()).isEqualTo(404);

    Reply tooMany =
        client.post(
            records + ":batch",
            ProxyClient.JSON,
            "{\"entries\":[{\"id\":\"1\"},{\"id\":\"2\"},{\"id\":\"3\"},{\"id\":\"4\"}]}");
    assertThat(tooMany.status()).isEqualTo(422);
    assertThat(tooMany.errorCode()).isEqualTo(42208);
    Reply duplicate =
        client.post(
            records + ":batch", ProxyClient.JSON, "{\"entries\":[{\"id\":\"1\"},{\"id\":\"1\"}]}");
    assertThat(duplicate.errorCode()).isEqualTo(42208);
  }
}
