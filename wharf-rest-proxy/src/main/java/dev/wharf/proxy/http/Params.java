package dev.wharf.proxy.http;

import dev.wharf.core.http.HttpError;
import io.javalin.http.Context;

/** Path and query parameters parsed the way the peer does, with errors that name the parameter. */
public final class Params {
  private Params() {}

  /** The {@code partition} path parameter; a non-number is a partition that does not exist. */
  public static int partition(Context ctx, String name, String topic) {
    String text = ctx.pathParam(name);
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new HttpError(
          404, 40402, "Partition '" + text + "' of topic '" + topic + "' not found.");
    }
  }

  /** An optional numeric query parameter; a malformed one is a 400 naming it. */
  public static Long optionalLong(Context ctx, String name) {
    String text = ctx.queryParam(name);
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw HttpError.badRequest("Query parameter '" + name + "' must be a number: " + text);
    }
  }
}
