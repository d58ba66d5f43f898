package dev.wharf.core.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes responses with an explicit content type, so each service answers in its peer's media type
 * rather than a framework default.
 *
 * <p>Bodies go straight to the response's output stream instead of through Javalin's result, which
 * copies every result through a freshly allocated 32 KiB buffer: on small, frequent answers (a
 * schema by id, a produce report) that copy was most of the garbage a request made.
 */
public final class Responses {
  private static final String WRITTEN = "wharf.response.written";

  private Responses() {}

  public static void json(Context ctx, int status, String contentType, Object body) {
    bytes(ctx, status, contentType, Json.bytes(body));
  }

  /** A body already written as JSON bytes, such as one a streaming generator produced. */
  public static void jsonBytes(Context ctx, int status, String contentType, byte[] body) {
    bytes(ctx, status, contentType, body);
  }

  /** A body of any media type, written as it is. */
  public static void bytes(Context ctx, int status, String contentType, byte[] body) {
    ctx.status(status).contentType(contentType);
    write(ctx, body);
  }

  /** An empty answer, such as {@code 204 No Content}. */
  public static void empty(Context ctx, int status) {
    ctx.status(status);
    write(ctx, new byte[0]);
  }

  /** Whether a body was written through this class, so nothing may be appended to it. */
  static boolean written(Context ctx) {
    return ctx.attribute(WRITTEN) != null;
  }

  private static void write(Context ctx, byte[] body) {
    ctx.attribute(WRITTEN, Boolean.TRUE);
    try {
      ctx.outputStream().write(body);
    } catch (IOException e) {
      throw new UncheckedIOException("writing the response to " + ctx.path(), e);
    }
  }
}
