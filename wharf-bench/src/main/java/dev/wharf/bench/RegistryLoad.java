package dev.wharf.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The HTTP side of the Schema Registry benchmark: concurrent clients, each on its own keep-alive
 * connection, registering distinct schemas or looking schemas up by id, as fast as the answers come
 * back.
 */
final class RegistryLoad {
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  /** Event-loop threads of the lookup clients: one per core of the benchmark machine. */
  private static final int LOOP_THREADS = 2;

  private final URI registry;

  RegistryLoad(URI registry) {
    this.registry = registry;
  }

  /**
   * Registers {@code count} distinct Avro record schemas, each under its own subject {@code
   * <prefix>-<n>-value}, from {@code clients} connections; returns their ids in ticket order.
   */
  int[] register(String prefix, int clients, int count, HttpLoad.Measured[] measured)
      throws Exception {
    int[] ids = new int[count];
    measured[0] =
        HttpLoad.closedLoop(
            registry,
            clients,
            count,
            (connection, ticket) -> {
              String schema =
                  "{\"type\":\"record\",\"name\":\"R"
                      + ticket
                      + "\",\"namespace\":\"bench."
                      + prefix
                      + "\",\"fields\":[{\"name\":\"f"
                      + ticket
                      + "\",\"type\":\"long\"},{\"name\":\"label\",\"type\":\"string\"}]}";
              String body = "{\"schema\":" + quote(schema) + "}";
              Http11Connection.Response response =
                  connection.exchange(
                      "POST",
                      "/subjects/" + prefix + "-" + ticket + "-value/versions",
                      CONTENT_TYPE,
                      CONTENT_TYPE,
                      body.getBytes(StandardCharsets.UTF_8));
              String text = response.text();
              int at = text.indexOf("\"id\":");
              if (response.status() != 200 || at < 0) {
                throw new IOException("register answered " + response.status() + ": " + text);
              }
              int end = at + 5;
              while (end < text.length() && Character.isDigit(text.charAt(end))) {
                end++;
              }
              ids[ticket] = Integer.parseInt(text.substring(at + 5, end));
            });
    return ids;
  }

  /**
   * {@code count} lookups {@code GET /schemas/ids/{id}} cycling through {@code ids}, from {@code
   * clients} connections on {@link #LOOP_THREADS} event loops, each as fast as answers come.
   */
  HttpLoad.Measured lookup(int clients, int count, int[] ids) throws Exception {
    byte[][] requests = lookupRequests(ids);
    return EventLoopLoad.closedLoop(
        registry, clients, LOOP_THREADS, count, ticket -> requests[ticket % requests.length]);
  }

  /** The same lookups offered at {@code perSecond} for {@code seconds} (a paced run). */
  HttpLoad.Measured lookupAtRate(int clients, double perSecond, int seconds, int[] ids)
      throws Exception {
    byte[][] requests = lookupRequests(ids);
    return EventLoopLoad.paced(
        registry,
        clients,
        LOOP_THREADS,
        perSecond,
        seconds,
        ticket -> requests[ticket % requests.length]);
  }

  /** The whole HTTP request of each lookup, written once rather than per request. */
  private byte[][] lookupRequests(int[] ids) {
    byte[][] requests = new byte[ids.length][];
    for (int i = 0; i < ids.length; i++) {
      requests[i] =
          ("GET /schemas/ids/"
                  + ids[i]
                  + " HTTP/1.1\r\nHost: "
                  + registry.getHost()
                  + ":"
                  + registry.getPort()
                  + "\r\nAccept: "
                  + CONTENT_TYPE
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII);
    }
    return requests;
  }

  /** {@code text} as a JSON string literal (it holds quotes, nothing needing other escapes). */
  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
