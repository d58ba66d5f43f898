package dev.wharf.registry.service;

/**
 * Confluent Schema Registry's error codes, each with the HTTP status it is answered with. The
 * numbers are the peer's contract: clients branch on {@code error_code}, not on the message.
 */
public enum RegistryError {
  SUBJECT_NOT_FOUND(404, 40401),
  VERSION_NOT_FOUND(404, 40402),
  SCHEMA_NOT_FOUND(404, 40403),
  SUBJECT_SOFT_DELETED(404, 40404),
  SUBJECT_NOT_SOFT_DELETED(404, 40405),
  VERSION_SOFT_DELETED(404, 40406),
  VERSION_NOT_SOFT_DELETED(404, 40407),
  SUBJECT_COMPATIBILITY_NOT_CONFIGURED(404, 40408),
  SUBJECT_MODE_NOT_CONFIGURED(404, 40409),
  INCOMPATIBLE_SCHEMA(409, 409),
  INVALID_SCHEMA(422, 42201),
  INVALID_VERSION(422, 42202),
  INVALID_COMPATIBILITY_LEVEL(422, 42203),
  INVALID_MODE(422, 42204),
  OPERATION_NOT_PERMITTED(422, 42205),
  REFERENCE_EXISTS(422, 42206),
  ID_MISMATCH(422, 42207),
  INVALID_SUBJECT(422, 42208),
  STORE_ERROR(500, 50001),
  STORE_TIMEOUT(500, 50002),
  FORWARDING_FAILED(500, 50003),
  UNKNOWN_LEADER(500, 50004);

  private final int status;
  private final int code;

  RegistryError(int status, int code) {
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public int code() {
    return code;
  }

  /** An exception carrying this error and a message that names the subject, version or id. */
  public RegistryException exception(String message) {
    return new RegistryException(this, message);
  }
}
