package dev.wharf.core.http;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.eclipse.jetty.server.Request;

/**
 * An endpoint served on Jetty's own request API, ahead of the Javalin routes, for a request so
 * frequent and so small that the servlet, router and async layers around it cost more than its own
 * work (a REST Proxy produce request, say). A direct route takes only the requests it recognizes
 * completely from their method, path and headers; every other request, including every unusual or
 * invalid one, goes on to the Javalin routes, which answer it as they always did. What a taken
 * request gets is the same: its body is read within the server's limit, the answer is written with
 * its content type, an {@link HttpError} (or an exception the service's translator knows) becomes
 * the same error body, and the request is counted in {@code GET /metrics} under {@link
 * #template()}.
 */
public interface DirectRoute {
  /** The route template the request metrics report, as the Javalin route of the same path does. */
  String template();

  /**
   * The call that serves {@code request}, or null to leave the request to the Javalin routes. Looks
   * at the method, path and headers only; the body is not read yet.
   */
  Call match(Request request);

  /**
   * One request taken by a direct route: the content types of its answer and of an error body, and
   * the answer to its body's bytes. {@code answer} may throw an {@link HttpError} or return a
   * future that fails with one.
   */
  record Call(
      String answerType, String errorType, Function<byte[], CompletableFuture<byte[]>> answer) {}
}
