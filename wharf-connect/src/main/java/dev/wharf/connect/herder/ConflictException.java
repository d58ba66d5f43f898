package dev.wharf.connect.herder;

/** A request that clashes with the current state (a connector that already exists): 409. */
public final class ConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }
}
