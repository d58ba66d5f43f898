package dev.wharf.connect;

import java.security.NoSuchAlgorithmException;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;

/** Checks that the JVM knows an algorithm named in the worker's {@code inter.worker.*} keys. */
final class JcaAlgorithms {
  private JcaAlgorithms() {}

  /** Null when {@code name} is a known MAC algorithm, else the reason. */
  static String mac(String name) {
    try {
      Mac.getInstance(name);
      return null;
    } catch (NoSuchAlgorithmException e) {
      return "unknown MAC algorithm '" + name + "'";
    }
  }

  /** Null when {@code name} is a known key generation algorithm, else the reason. */
  static String keyGenerator(String name) {
    try {
      KeyGenerator.getInstance(name);
      return null;
    } catch (NoSuchAlgorithmException e) {
      return "unknown key generation algorithm '" + name + "'";
    }
  }
}
