package dev.wharf.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The HTTP side of the REST Proxy benchmark: v2 JSON produce requests from concurrent clients, each
 * on its own keep-alive connection, and a v2 consumer instance reading a partition from the start.
 */
final class ProxyLoad {
  static final String JSON_V2 = "application/vnd.kafka.json.v2+json";
  static final String V2 = "application/vnd.kafka.v2+json";

  private static final byte[] OK_RECORD = "\"error_code\":null".getBytes(StandardCharsets.UTF_8);
  private static final byte[] RECORD = "\"offset\":".getBytes(StandardCharsets.UTF_8);

  /** What a produce phase measured. */
  record Produced(double recordsPerSecond, double p50Ms, double p99Ms) {}

  private final URI proxy;

  ProxyLoad(URI proxy) {
    this.proxy = proxy;
  }

  /**
   * Sends {@code requests} produce requests of {@code perRequest} records to {@code topic} from
   * {@code clients} threads, each with one connection, as fast as the answers come back.
   */
  Produced produce(String topic, int clients, int requests, int perRequest, int valueBytes)
      throws Exception {
    byte[][] bodies = new byte[clients][];
    for (int c = 0; c < clients; c++) {
      bodies[c] = requestBody(c, perRequest, valueBytes);
    }
    HttpLoad.Measured measured =
        HttpLoad.closedLoop(
            proxy,
            clients,
            requests,
            (connection, ticket) -> {
              Http11Connection.Response response =
                  connection.exchange(
                      "POST", "/topics/" + topic, JSON_V2, V2, bodies[ticket % clients]);
              if (response.status() != 200 || count(response.body(), OK_RECORD) != perRequest) {
                throw new IOException(
                    "produce answered " + response.status() + ": " + head(response.text()));
              }
            });
    return new Produced(measured.perSecond() * perRequest, measured.p50Ms(), measured.p99Ms());
  }

  /**
   * Records/s of one json consumer instance in a fresh {@code group}, assigned partition 0 of
   * {@code topic} and positioned at its beginning, reading {@code records} records with large
   * {@code max_bytes}; the instance is deleted afterwards.
   */
  double consume(String topic, String group, long records) throws Exception {
    String instance = "/consumers/" + group + "/instances/bench";
    String partitions = "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0}]}";
    try (Http11Connection connection = new Http11Connection(proxy)) {
      expect(
          200,
          connection.exchange(
              "POST",
              "/consumers/" + group,
              V2,
              V2,
              utf8("{\"name\":\"bench\",\"format\":\"json\",\"auto.offset.reset\":\"earliest\"}")));
      expect(204, connection.exchange("POST", instance + "/assignments", V2, V2, utf8(partitions)));
      expect(
          204,
          connection.exchange("POST", instance + "/positions/beginning", V2, V2, utf8(partitions)));
      String target = instance + "/records?timeout=1000&max_bytes=67108864";
      long start = System.nanoTime();
      long read = 0;
      while (read < records) {
        Http11Connection.Response response =
            expect(200, connection.exchange("GET", target, null, JSON_V2, null));
        // The partition's offsets run from 0 without gaps, so the last one returned says how many
        // records have arrived, without the client scanning megabytes per response.
        read = Math.max(read, lastOffset(response.body()) + 1);
        if (System.nanoTime() - start > 120e9) {
          throw new IllegalStateException(
              "the proxy consumer read " + read + " of " + records + " records in 120 s");
        }
      }
      double rate = records / ((System.nanoTime() - start) / 1e9);
      expect(204, connection.exchange("DELETE", instance, null, V2, null));
      return rate;
    }
  }

  /**
   * The value every benchmark record carries: a JSON object of exactly {@code bytes} bytes when
   * written compactly, as the proxy stores it.
   */
  static byte[] value(long id, int bytes) {
    String prefix = "{\"id\":" + id + ",\"payload\":\"";
    String suffix = "\"}";
    int padding = bytes - prefix.length() - suffix.length();
    if (padding < 0) {
      throw new IllegalArgumentException("a value needs more than " + bytes + " bytes");
    }
    return utf8(prefix + "x".repeat(padding) + suffix);
  }

  private static byte[] requestBody(int client, int perRequest, int valueBytes) {
    StringBuilder body = new StringBuilder("{\"records\":[");
    for (int i = 0; i < perRequest; i++) {
      if (i > 0) {
        body.append(',');
      }
      body.append("{\"value\":")
          .append(
              new String(value((long) client * perRequest + i, valueBytes), StandardCharsets.UTF_8))
          .append('}');
    }
    return utf8(body.append("]}").toString());
  }

  private static Http11Connection.Response expect(int status, Http11Connection.Response response) {
    if (response.status() != status) {
      throw new IllegalStateException(
          "the proxy answered "
              + response.status()
              + ", not "
              + status
              + ": "
              + head(response.text()));
    }
    return response;
  }

  /** The offset of the last record of a records response; -1 for an empty one. */
  static long lastOffset(byte[] body) {
    for (int i = body.length - RECORD.length; i >= 0; i--) {
      if (body[i] == RECORD[0]
          && Arrays.equals(body, i, i + RECORD.length, RECORD, 0, RECORD.length)) {
        long offset = 0;
        for (int j = i + RECORD.length; j < body.length && Character.isDigit(body[j]); j++) {
          offset = offset * 10 + (body[j] - '0');
        }
        return offset;
      }
    }
    return -1;
  }

  /** Occurrences of {@code needle} in {@code haystack}. */
  static int count(byte[] haystack, byte[] needle) {
    int found = 0;
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      found++;
      i += needle.length - 1;
    }
    return found;
  }

  private static String head(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
