package dev.wharf.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.metrics.PrometheusText;
import dev.wharf.kafka.embedded.EmbeddedKafkaBroker;
import dev.wharf.kafka.embedded.SharedKafkaBroker;
import dev.wharf.proxy.ProxyClient.Reply;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Common v2 produce requests are served on Jetty directly, others by the servlet route: a client
 * must not be able to tell which. Each request here goes both ways (an Accept-Encoding header sends
 * it to the servlet route) and the two answers are compared.
 */
@ExtendWith(SharedKafkaBroker.class)
class DirectProduceTest {
  private static final Map<String, String> TO_SERVLET = Map.of("Accept-Encoding", "identity");

  private static RestProxy proxy;
  private static ProxyClient client;
  private static String topic;

  @BeforeAll
  static void start(EmbeddedKafkaBroker broker) {
    proxy = ProxyFixture.start(broker, Map.of());
    client = new ProxyClient(proxy.url());
    topic = ProxyFixture.topic(broker, "direct", 2);
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  /** Sends a request one way, checking by the proxy's own count that it went that way. */
  private static Reply send(String path, String type, String body, String accept, boolean direct) {
    double before = directRequests();
    Reply reply =
        client.sendWith(
            "POST",
            path,
            type,
            BodyPublishers.ofString(body),
            accept,
            direct ? Map.of() : TO_SERVLET);
    assertThat(directRequests()).isEqualTo(before + (direct ? 1 : 0));
    return reply;
  }

  private static double directRequests() {
    Reply reply = client.get("/metrics", "text/plain");
    return PrometheusText.parse(reply.text())
        .find("http_server_direct_requests_total", Map.of("route", "/topics/{topic}"))
        .stream()
        .mapToDouble(PrometheusText.Sample::value)
        .sum();
  }

  @Test
  void acknowledgedRecordsGetTheSameAnswerEitherWay() {
    String json =
        "{\"records\":[{\"key\":\"k\",\"value\":{\"n\":1}},{\"value\":[1],\"partition\":1}]}";
    // Keys or partitions on every record: a keyless record's partition is the producer's choice.
    String binary =
        "{\"records\":[{\"key\":\"aw==\",\"value\":\"aGVsbG8=\"},"
            + "{\"value\":\"d29ybGQ=\",\"partition\":0}]}";
    List<String> accepts = new ArrayList<>();
    accepts.add(null);
    accepts.add(ProxyClient.V2);
    accepts.add(ProxyClient.JSON);
    accepts.add("*/*");
    for (String accept : accepts) {
      for (String[] request :
          new String[][] {{ProxyClient.JSON_V2, json}, {ProxyClient.BINARY, binary}}) {
        Reply servlet = send("/topics/" + topic, request[0], request[1], accept, false);
        Reply direct = send("/topics/" + topic, request[0], request[1], accept, true);
        assertThat(direct.status()).as("%s %s", accept, request[0]).isEqualTo(200);
        assertThat(servlet.status()).isEqualTo(200);
        assertThat(direct.contentType()).isEqualTo(servlet.contentType());
        JsonNode servletOffsets = servlet.json().get("offsets");
        JsonNode directOffsets = direct.json().get("offsets");
        assertThat(directOffsets).hasSameSizeAs(servletOffsets);
        for (int i = 0; i < directOffsets.size(); i++) {
          JsonNode after = directOffsets.get(i);
          JsonNode before = servletOffsets.get(i);
          // Same partitions; the direct request's records come right after the servlet's.
          assertThat(after.get("partition")).isEqualTo(before.get("partition"));
          assertThat(after.get("offset").asLong()).isGreaterThan(before.get("offset").asLong());
          assertThat(after.get("error_code").isNull()).isTrue();
        }
        assertThat(direct.json().get("key_schema_id").isNull()).isTrue();
        assertThat(direct.json().get("value_schema_id").isNull()).isTrue();
      }
    }
  }

  @Test
  void requestsOfOtherShapesAreLeftToTheServletRoute() {
    String body = "{\"records\":[{\"value\":1}]}";
    double before = directRequests();
    // A media type parameter, an Accept with a choice, a query: the servlet route's to judge.
    assertThat(
            client
                .sendWith(
                    "POST",
                    "/topics/" + topic,
                    ProxyClient.JSON_V2 + "; charset=utf-8",
                    BodyPublishers.ofString(body),
                    ProxyClient.V2 + ", application/json;q=0.5")
                .status())
        .isEqualTo(200);
    assertThat(client.post("/topics/" + topic + "?x=1", ProxyClient.JSON_V2, body).status())
        .isEqualTo(200);
    assertThat(
            client
                .sendWith(
                    "POST",
                    "/topics/" + topic,
                    ProxyClient.JSON_V2,
                    BodyPublishers.ofString(body),
                    "text/plain")
                .status())
        .isEqualTo(406);
    assertThat(directRequests()).isEqualTo(before);
  }

  @Test
  void errorsGetTheSameStatusTypeAndBodyEitherWay() {
    String[][] requests = {
      {"/topics/" + topic, ProxyClient.JSON_V2, "{\"records\":[{\"value\":1}"},
      {"/topics/" + topic, ProxyClient.BINARY, "{\"records\":[{\"value\":\"not base64!\"}]}"},
      {"/topics/" + topic, ProxyClient.JSON_V2, "{\"records\":[]}"},
      {"/topics/" + topic, ProxyClient.JSON_V2, ""},
      {"/topics/" + topic, ProxyClient.JSON_V2, "{\"records\":[{\"value\":1,\"partition\":7}]}"},
      {"/topics/" + topic, ProxyClient.JSON_V2, "[1,2]"},
      {"/topics/no-such-topic", ProxyClient.JSON_V2, "{\"records\":[{\"value\":1}]}"},
    };
    for (String accept : new String[] {null, "*/*", ProxyClient.V2}) {
      for (String[] request : requests) {
        Reply servlet = send(request[0], request[1], request[2], accept, false);
        Reply direct = send(request[0], request[1], request[2], accept, true);
        assertThat(servlet.status()).as(request[2]).isBetween(400, 499);
        assertThat(direct.status()).as(request[2]).isEqualTo(servlet.status());
        assertThat(direct.contentType()).as(request[2]).isEqualTo(servlet.contentType());
        assertThat(direct.text()).as(request[2]).isEqualTo(servlet.text());
      }
    }
  }
}
