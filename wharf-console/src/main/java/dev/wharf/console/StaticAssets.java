package dev.wharf.console;

import dev.wharf.core.http.HttpError;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Serves the page from the class path ({@code console/index.html}, {@code console/js/*.js}, {@code
 * console/css/*.css}). File names are checked against a plain pattern so that no request can reach
 * another class-path resource. The page is never cached: a new Wharf build is picked up on reload.
 */
final class StaticAssets {
  private static final Pattern FILE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(js|css|svg)");
  private static final Map<String, String> TYPES =
      Map.of(
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "html", "text/html; charset=utf-8");

  void register(RoutesConfig routes) {
    routes.get("/", ctx -> serve(ctx, "index.html"));
    routes.get("/index.html", ctx -> serve(ctx, "index.html"));
    routes.get("/js/{file}", ctx -> serve(ctx, "js/" + checked(ctx.pathParam("file"))));
    routes.get("/css/{file}", ctx -> serve(ctx, "css/" + checked(ctx.pathParam("file"))));
  }

  private static String checked(String file) {
    if (!FILE_NAME.matcher(file).matches()) {
      throw new HttpError(404, "No console file " + file);
    }
    return file;
  }

  private static void serve(Context ctx, String path) {
    byte[] bytes;
    try (InputStream in = StaticAssets.class.getResourceAsStream("/console/" + path)) {
      if (in == null) {
        throw new HttpError(404, "No console file " + path);
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading console/" + path + " from the class path", e);
    }
    String extension = path.substring(path.lastIndexOf('.') + 1);
    ctx.header("Cache-Control", "no-cache");
    ctx.contentType(TYPES.getOrDefault(extension, "application/octet-stream"));
    ctx.result(bytes);
  }
}
