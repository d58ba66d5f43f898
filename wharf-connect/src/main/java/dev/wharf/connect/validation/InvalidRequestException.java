package dev.wharf.connect.validation;

/** A request the client must fix; the REST layer answers it with 400 and this message. */
public final class InvalidRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidRequestException(String message) {
    super(message);
  }
}
