package dev.wharf.core.http;

import io.javalin.http.Context;

/**
 * Writes JSON responses with an explicit content type, so each service answers in its peer's media
 * type rather than a framework default.
 */
public final class Responses {
  private Responses() {}

  public static void json(Context ctx, int status, String contentType, Object body) {
    ctx.status(status).contentType(contentType).result(Json.bytes(body));
  }

  /** A body already written as JSON bytes, such as one a streaming generator produced. */
  public static void jsonBytes(Context ctx, int status, String contentType, byte[] body) {
    ctx.status(status).contentType(contentType).result(body);
  }

  /** An empty answer, such as {@code 204 No Content}. */
  public static void empty(Context ctx, int status) {
    ctx.status(status).result(new byte[0]);
  }
}
