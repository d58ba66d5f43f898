package dev.wharf.core.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error page for requests that never reach a route (an unparseable request line, headers
 * too large): the peer error body in JSON instead of Jetty's HTML, without any stack trace.
 */
final class JsonJettyErrorHandler extends ErrorHandler {

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    String text = "HTTP " + code + (message == null || message.isEmpty() ? "" : " " + message);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(Json.bytes(new ErrorBody(code, text))), callback);
  }
}
