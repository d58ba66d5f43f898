package dev.wharf.connect.herder;

/** An unknown connector, task, plugin or logger; the REST layer answers 404 with the message. */
public final class NotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }
}
