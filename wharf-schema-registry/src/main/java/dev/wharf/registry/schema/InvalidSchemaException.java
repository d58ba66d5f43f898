package dev.wharf.registry.schema;

/** The text of a schema is not a valid schema of its type; the message says why. */
public final class InvalidSchemaException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidSchemaException(String message) {
    super(message);
  }

  public InvalidSchemaException(String message, Throwable cause) {
    super(message, cause);
  }
}
