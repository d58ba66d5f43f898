package dev.wharf.connect.storage;

import java.util.Base64;

/**
 * The key a Connect cluster's workers sign their internal requests with (KIP-507), as the leader
 * publishes it in the config topic's {@code session-key} record: the key (Base64), the algorithm it
 * was generated for, and when it was created (epoch milliseconds).
 */
public record SessionKey(String encodedKey, String algorithm, long creationTimestamp) {

  /** A key from its raw bytes. */
  public static SessionKey of(byte[] key, String algorithm, long creationTimestamp) {
    return new SessionKey(Base64.getEncoder().encodeToString(key), algorithm, creationTimestamp);
  }

  /** The raw key bytes. */
  public byte[] key() {
    return Base64.getDecoder().decode(encodedKey);
  }
}
