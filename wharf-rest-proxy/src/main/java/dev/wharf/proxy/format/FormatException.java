package dev.wharf.proxy.format;

/** Bytes read from Kafka that the consumer's embedded format cannot represent. */
public final class FormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FormatException(String message) {
    super(message);
  }
}
