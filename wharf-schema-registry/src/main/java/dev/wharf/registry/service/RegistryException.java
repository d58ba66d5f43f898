package dev.wharf.registry.service;

/**
 * A registry operation refused for a reason the client can act on (unknown subject, incompatible
 * schema, invalid version...). The HTTP edge maps it once to Confluent's status and error body.
 */
public final class RegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient RegistryError error;

  RegistryException(RegistryError error, String message) {
    super(message, null, false, false);
    this.error = error;
  }

  public RegistryError error() {
    return error;
  }
}
