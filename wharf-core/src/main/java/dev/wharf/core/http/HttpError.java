package dev.wharf.core.http;

/**
 * The one error type Wharf's HTTP services throw: an HTTP status, the peer's numeric error code
 * (Confluent's five-digit codes, or the status itself where the peer uses that) and a message that
 * names the resource concerned. The server maps it once, at the edge, to the body {@code
 * {"error_code": <code>, "message": "<message>"}}; handlers never build error responses themselves.
 */
public final class HttpError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final int errorCode;

  public HttpError(int status, int errorCode, String message) {
    super(message, null, false, false);
    this.status = status;
    this.errorCode = errorCode;
  }

  /** An error whose peer code is the HTTP status itself, as the peers do for generic errors. */
  public HttpError(int status, String message) {
    this(status, status, message);
  }

  public int status() {
    return status;
  }

  public int errorCode() {
    return errorCode;
  }

  public ErrorBody body() {
    return new ErrorBody(errorCode, getMessage());
  }

  public static HttpError badRequest(String message) {
    return new HttpError(400, message);
  }

  public static HttpError unprocessable(String message) {
    return new HttpError(422, message);
  }
}
