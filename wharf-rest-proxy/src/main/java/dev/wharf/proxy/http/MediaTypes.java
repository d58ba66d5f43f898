package dev.wharf.proxy.http;

import dev.wharf.core.http.HttpError;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Confluent's media types and the Accept negotiation the proxy does with them. Responses offer
 * {@code application/json} and {@code application/vnd.kafka.v2+json}; a client that asks for
 * neither (nor a wildcard) gets 406. Errors are answered in the type the request negotiated, and in
 * {@code application/json} when it negotiated none.
 */
public final class MediaTypes {
  public static final String JSON = "application/json";
  public static final String V2 = "application/vnd.kafka.v2+json";
  public static final String BINARY_V2 = "application/vnd.kafka.binary.v2+json";
  public static final String JSON_V2 = "application/vnd.kafka.json.v2+json";
  public static final String AVRO_V2 = "application/vnd.kafka.avro.v2+json";
  public static final String JSONSCHEMA_V2 = "application/vnd.kafka.jsonschema.v2+json";

  private MediaTypes() {}

  /** One entry of an Accept header: a lower-case media type and its quality. */
  public record Accepted(String type, double quality) {
    public boolean matches(String offered) {
      if (type.equals("*/*") || type.equals(offered)) {
        return true;
      }
      return type.endsWith("/*")
          && offered.startsWith(type.substring(0, type.length() - 1).toLowerCase(Locale.ROOT));
    }
  }

  /** The Accept header's entries, best first; the full wildcard when the header is absent. */
  public static List<Accepted> accepted(Context ctx) {
    String header = ctx.header("Accept");
    List<Accepted> result = new ArrayList<>();
    if (header == null || header.isBlank()) {
      result.add(new Accepted("*/*", 1.0));
      return result;
    }
    for (String part : header.split(",")) {
      String[] pieces = part.split(";");
      String type = pieces[0].trim().toLowerCase(Locale.ROOT);
      if (type.isEmpty()) {
        continue;
      }
      double quality = 1.0;
      for (int i = 1; i < pieces.length; i++) {
        String parameter = pieces[i].trim();
        if (parameter.startsWith("q=")) {
          try {
            quality = Double.parseDouble(parameter.substring(2));
          } catch (NumberFormatException e) {
            quality = 0;
          }
        }
      }
      if (quality > 0) {
        result.add(new Accepted(type, quality));
      }
    }
    // Stable sort: among equal qualities the client's order decides.
    result.sort(Comparator.comparingDouble(Accepted::quality).reversed());
    return result;
  }

  /**
   * The first of {@code offered} (in the server's order of preference) that the client's best
   * matching Accept entry allows, or {@code null} when none is acceptable.
   */
  public static String choose(Context ctx, List<String> offered) {
    for (Accepted accepted : accepted(ctx)) {
      // An explicit type beats a wildcard of the same quality, so look for exact matches first.
      for (String type : offered) {
        if (accepted.type().equals(type)) {
          return type;
        }
      }
      for (String type : offered) {
        if (accepted.matches(type)) {
          return type;
        }
      }
    }
    return null;
  }

  /** The content type of a v2 metadata or consumer-control response; 406 when none fits. */
  public static String v2Response(Context ctx) {
    String chosen = choose(ctx, List.of(JSON, V2));
    if (chosen == null) {
      throw notAcceptable(ctx);
    }
    return chosen;
  }

  /** The content type of a v3 response: JSON only. */
  public static String v3Response(Context ctx) {
    if (choose(ctx, List.of(JSON)) == null) {
      throw notAcceptable(ctx);
    }
    return JSON;
  }

  /**
   * The content type of an error body for this request: v3 errors are JSON; a v2 client that asked
   * for any Kafka media type (an embedded one included, as records readers do) gets {@code
   * application/vnd.kafka.v2+json}, as Confluent's documented error responses show; others get
   * {@code application/json}.
   */
  public static String forError(Context ctx) {
    if (ctx.path().startsWith("/v3")) {
      return JSON;
    }
    for (Accepted accepted : accepted(ctx)) {
      if (accepted.type().startsWith("application/vnd.kafka")) {
        return V2;
      }
      if (accepted.matches(JSON)) {
        return JSON;
      }
    }
    return JSON;
  }

  public static HttpError notAcceptable(Context ctx) {
    return new HttpError(
        406,
        "HTTP 406 Not Acceptable: "
            + ctx.method()
            + " "
            + ctx.path()
            + " cannot answer in any of: "
            + ctx.header("Accept"));
  }
}
