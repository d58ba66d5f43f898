package dev.wharf.core.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.Key;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/**
 * Reads request bodies within the server's size limit and parses them as JSON, turning every client
 * mistake into an {@link HttpError}: a body over the limit is 413, malformed JSON or JSON of the
 * wrong shape is 400, and a Content-Type the route does not take is 415. The limit applies to
 * chunked bodies too, which carry no Content-Length, so no request can make the server buffer more
 * than the limit.
 */
public final class RequestBodies {
  static final Key<Long> MAX_BYTES = new Key<>("wharf.http.max-request-bytes");
  private static final long DRAIN_MAX_EXCESS_BYTES = 16L * 1024 * 1024;

  private static final String READ_BODY = "wharf.http.read-body";

  private RequestBodies() {}

  /**
   * The body's bytes, empty when there is none. The body is read once and kept with the request, so
   * a later call (such as one forwarding the request elsewhere) gets the same bytes.
   */
  public static byte[] bytes(Context ctx) {
    byte[] read = ctx.attribute(READ_BODY);
    if (read == null) {
      read = readBody(ctx);
      ctx.attribute(READ_BODY, read);
    }
    return read;
  }

  private static byte[] readBody(Context ctx) {
    long limit = ctx.appData(MAX_BYTES);
    long declared = ctx.req().getContentLengthLong();
    if (declared > limit) {
      drainModestExcess(ctx, declared, limit);
      throw tooLarge(declared, limit);
    }
    try (InputStream in = ctx.req().getInputStream()) {
      if (declared >= 0) {
        // The usual case: read straight into an array of the declared size, not in chunks.
        byte[] body = new byte[(int) declared];
        int read = in.readNBytes(body, 0, body.length);
        return read == body.length ? body : Arrays.copyOf(body, read);
      }
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (body.length > limit) {
        throw tooLarge(body.length, limit);
      }
      return body;
    } catch (IOException e) {
      throw badRequest("could not read the request body: " + e.getMessage());
    }
  }

  /**
   * Reads and drops a body that is too large by a modest amount before the 413 is sent. Answering
   * while the client still sends makes the server close a connection with unread bytes, and the
   * client can then see a reset instead of the 413; far larger bodies are not worth reading.
   */
  private static void drainModestExcess(Context ctx, long declared, long limit) {
    if (declared - limit > DRAIN_MAX_EXCESS_BYTES) {
      return;
    }
    try (InputStream in = ctx.req().getInputStream()) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // The client gave up sending; the 413 is still the answer.
    }
  }

  /** The body parsed as JSON, or {@code null} when the body is empty or only whitespace. */
  public static JsonNode jsonOrNull(Context ctx) {
    return jsonOrNull(bytes(ctx));
  }

  /** {@code body} parsed as JSON, or {@code null} when it is empty or only whitespace. */
  public static JsonNode jsonOrNull(byte[] body) {
    if (isBlank(body)) {
      return null;
    }
    try {
      return Json.mapper().readTree(body);
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  /** Converts a parsed body to {@code type}; a field of the wrong JSON type is a 400. */
  public static <T> T convert(JsonNode node, Class<T> type) {
    try {
      return Json.mapper().treeToValue(node, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw badRequest("Invalid request body: " + firstLine(e.getMessage()));
    }
  }

  /**
   * The request's media type without parameters, in lower case; empty when the request names none.
   */
  public static String mediaType(Context ctx) {
    String header = ctx.header("Content-Type");
    if (header == null) {
      return "";
    }
    int semicolon = header.indexOf(';');
    return (semicolon < 0 ? header : header.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  /** Fails with 415 unless the request's media type is one of {@code allowed}. */
  public static void requireMediaType(Context ctx, Collection<String> allowed) {
    if (!allowed.contains(mediaType(ctx))) {
      throw unsupportedMediaType(ctx, allowed);
    }
  }

  /** The 415 for a request whose media type is not one of {@code allowed}. */
  public static HttpError unsupportedMediaType(Context ctx, Collection<String> allowed) {
    String type = mediaType(ctx);
    return new HttpError(
        415,
        "HTTP 415 Unsupported Media Type: "
            + (type.isEmpty() ? "no Content-Type" : "Content-Type " + type)
            + " is not accepted by "
            + ctx.method()
            + " "
            + ctx.path()
            + "; use one of "
            + String.join(", ", allowed));
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  private static HttpError tooLarge(long size, long limit) {
    return new HttpError(
        413,
        "HTTP 413 Request Entity Too Large: the request body ("
            + (size > limit ? "over " + limit : size)
            + " bytes) exceeds the limit of "
            + limit
            + " bytes");
  }

  static HttpError malformed(IOException e) {
    return badRequest("Malformed JSON in the request body: " + firstLine(e.getMessage()));
  }

  private static HttpError badRequest(String message) {
    return HttpError.badRequest(message);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable input";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
