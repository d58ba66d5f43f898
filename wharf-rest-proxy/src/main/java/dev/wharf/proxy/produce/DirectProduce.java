package dev.wharf.proxy.produce;

import dev.wharf.core.http.DirectRoute;
import dev.wharf.proxy.format.EmbeddedFormat;
import dev.wharf.proxy.format.EmbeddedFormats;
import dev.wharf.proxy.http.MediaTypes;
import org.apache.kafka.common.internals.Topic;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;

/**
 * {@code POST /topics/{topic}} in the binary and json formats, served directly on Jetty (see {@link
 * DirectRoute}) when the request is of the most common shape: a topic name of Kafka's legal
 * characters (nothing to decode), no query, exactly one Content-Type that names one of the two
 * formats without parameters, no Accept, or exactly the full wildcard, {@code
 * application/vnd.kafka.v2+json} or {@code application/json}, and no Accept-Encoding or Expect. Its
 * answer and error bodies and their content types are the servlet route's; any other request is
 * left to that route, whose content negotiation, compression and errors then apply unchanged.
 */
final class DirectProduce implements DirectRoute {
  private static final String PREFIX = "/topics/";

  private final ProduceRoutes routes;

  DirectProduce(ProduceRoutes routes) {
    this.routes = routes;
  }

  @Override
  public String template() {
    return "/topics/{topic}";
  }

  @Override
  public Call match(Request request) {
    if (!"POST".equals(request.getMethod())) {
      return null;
    }
    HttpURI uri = request.getHttpURI();
    String path = uri.getPath();
    if (uri.getQuery() != null || path == null || !path.startsWith(PREFIX)) {
      return null;
    }
    String topic = path.substring(PREFIX.length());
    if (!Topic.isValid(topic)) {
      return null;
    }
    String contentType = null;
    String accept = null;
    int contentTypes = 0;
    int accepts = 0;
    for (HttpField field : request.getHeaders()) {
      HttpHeader header = field.getHeader();
      if (header == HttpHeader.CONTENT_TYPE) {
        contentType = field.getValue();
        contentTypes++;
      } else if (header == HttpHeader.ACCEPT) {
        accept = field.getValue();
        accepts++;
      } else if (header == HttpHeader.ACCEPT_ENCODING || header == HttpHeader.EXPECT) {
        return null;
      }
    }
    if (contentTypes != 1 || accepts > 1) {
      return null;
    }
    EmbeddedFormat format = format(contentType);
    if (format == null) {
      return null;
    }
    // The servlet route's choices: without Accept, or with curl's */*, JSON answers and errors
    // (what */* picks first).
    String answerType;
    String errorType;
    if (accept == null || accept.equals("*/*") || accept.equalsIgnoreCase(MediaTypes.JSON)) {
      answerType = MediaTypes.JSON;
      errorType = MediaTypes.JSON;
    } else if (accept.equalsIgnoreCase(MediaTypes.V2)) {
      answerType = MediaTypes.V2;
      errorType = MediaTypes.V2;
    } else {
      return null;
    }
    return new Call(answerType, errorType, body -> routes.answer(topic, null, format, null, body));
  }

  private static EmbeddedFormat format(String contentType) {
    if (contentType.equalsIgnoreCase(MediaTypes.JSON_V2)) {
      return EmbeddedFormats.JSON;
    }
    if (contentType.equalsIgnoreCase(MediaTypes.BINARY_V2)) {
      return EmbeddedFormats.BINARY;
    }
    return null;
  }
}
