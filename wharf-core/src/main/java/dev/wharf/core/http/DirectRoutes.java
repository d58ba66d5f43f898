package dev.wharf.core.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The Jetty handler in front of Javalin's servlet that serves the {@link DirectRoute}s: a request
 * one of them takes, with a declared body within the limit, is read asynchronously and answered
 * without a thread waiting; anything else (a chunked or oversized body included, which Javalin
 * answers with its 413) passes to Javalin untouched.
 */
final class DirectRoutes extends Handler.Wrapper {
  private final List<DirectRoute> routes;
  // Per route, in the same order: how many requests it served.
  private final List<Counter> served;
  private final long maxBodyBytes;
  private final BiFunction<Request, Throwable, HttpError> translator;
  private final RequestMetrics metrics;

  DirectRoutes(
      List<DirectRoute> routes,
      long maxBodyBytes,
      BiFunction<Request, Throwable, HttpError> translator,
      RequestMetrics metrics,
      MeterRegistry registry) {
    this.routes = List.copyOf(routes);
    this.served =
        this.routes.stream()
            .map(
                route ->
                    Counter.builder("http.server.direct.requests")
                        .description(
                            "Requests served on Jetty directly, ahead of the servlet routes (also"
                                + " counted in http_server_requests_seconds)")
                        .tag("route", route.template())
                        .register(registry))
            .toList();
    // A body is read into one array; anything longer is left to Javalin, which streams its 413.
    this.maxBodyBytes = Math.min(maxBodyBytes, Integer.MAX_VALUE - 8);
    this.translator = translator;
    this.metrics = metrics;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    long length = request.getLength();
    if (length >= 0 && length <= maxBodyBytes) {
      for (int i = 0; i < routes.size(); i++) {
        DirectRoute route = routes.get(i);
        DirectRoute.Call call = route.match(request);
        if (call != null) {
          served.get(i).increment();
          serve(route, call, request, response, callback, (int) length);
          return true;
        }
      }
    }
    return super.handle(request, response, callback);
  }

  private void serve(
      DirectRoute route,
      DirectRoute.Call call,
      Request request,
      Response response,
      Callback callback,
      int length) {
    long start = System.nanoTime();
    Content.Source.asByteArrayAsync(request, length)
        .exceptionally(
            error -> {
              throw HttpError.badRequest(
                  "could not read the request body: " + unwrap(error).getMessage());
            })
        .thenCompose(body -> answer(call, body))
        .whenComplete(
            (answer, error) -> {
              try {
                int status = respond(call, request, response, callback, answer, error);
                metrics.record(
                    request.getMethod(), route.template(), status, System.nanoTime() - start);
              } catch (RuntimeException e) {
                callback.failed(e);
              }
            });
  }

  /** Writes the answer, or the error body of {@code error}; returns the status sent. */
  private int respond(
      DirectRoute.Call call,
      Request request,
      Response response,
      Callback callback,
      byte[] answer,
      Throwable error) {
    int status = 200;
    String type = call.answerType();
    byte[] body = answer;
    if (error != null) {
      HttpError httpError = translator.apply(request, unwrap(error));
      status = httpError.status();
      type = call.errorType();
      body = Json.bytes(httpError.body());
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    return status;
  }

  /** The call's answer; an exception it throws fails the future like one it returns failed. */
  private static CompletableFuture<byte[]> answer(DirectRoute.Call call, byte[] body) {
    try {
      return call.answer().apply(body);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
