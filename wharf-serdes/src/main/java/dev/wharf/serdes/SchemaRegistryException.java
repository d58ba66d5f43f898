package dev.wharf.serdes;

/**
 * A Schema Registry request failed: the HTTP status and Confluent error code the registry answered
 * (50005 when the answer was not a JSON error body, as Confluent's client reports it), and its
 * message.
 */
public final class SchemaRegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final int errorCode;

  public SchemaRegistryException(int status, int errorCode, String message) {
    super(message + "; error code: " + errorCode);
    this.status = status;
    this.errorCode = errorCode;
  }

  public SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
    this.status = -1;
    this.errorCode = -1;
  }

  /** The HTTP status, or -1 when the registry could not be reached. */
  public int status() {
    return status;
  }

  /** Confluent's error code, or -1 when the registry could not be reached. */
  public int errorCode() {
    return errorCode;
  }
}
