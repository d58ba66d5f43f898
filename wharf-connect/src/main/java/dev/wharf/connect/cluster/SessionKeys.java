package dev.wharf.connect.cluster;

import dev.wharf.connect.storage.ConfigListener;
import dev.wharf.connect.storage.ConfigStore;
import dev.wharf.connect.storage.SessionKey;
import dev.wharf.core.config.ConfigException;
import dev.wharf.core.http.HttpError;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request signing between the workers of a cluster (KIP-507). The leader generates a session key,
 * publishes it in the config topic ({@code session-key}) and replaces it when it is older than its
 * time to live; every worker signs the internal requests it sends (the HMAC of the body, Base64, in
 * {@code X-Connect-Authorization}, the MAC algorithm in {@code
 * X-Connect-Request-Signature-Algorithm}) and refuses unsigned or badly signed ones with Apache's
 * answers. The key before the current one is still accepted, so requests signed just before a
 * rotation reached a worker are not refused.
 */
public final class SessionKeys implements ConfigListener, AutoCloseable {
  public static final String SIGNATURE_HEADER = "X-Connect-Authorization";
  public static final String ALGORITHM_HEADER = "X-Connect-Request-Signature-Algorithm";

  private static final Logger log = LoggerFactory.getLogger(SessionKeys.class);
  private static final long CHECK_INTERVAL_MS = 1_000;

  /**
   * The worker's {@code inter.worker.*} settings.
   *
   * @param keySize bits of a new key; 0 for the generation algorithm's default
   */
  public record Settings(
      String keyAlgorithm,
      int keySize,
      long ttlMs,
      String signatureAlgorithm,
      List<String> verificationAlgorithms) {}

  private final Settings settings;
  private final ConfigStore configs;
  private final BooleanSupplier isLeader;
  private final ScheduledExecutorService rotation =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "session-key-rotation");
            thread.setDaemon(true);
            return thread;
          });
  private volatile SessionKey current;
  private volatile SessionKey previous;

  /**
   * @param configs the started config store the key is read from and, on the leader, written to
   * @param isLeader whether this worker is the leader now
   */
  public SessionKeys(Settings settings, ConfigStore configs, BooleanSupplier isLeader) {
    if (!settings.verificationAlgorithms().contains(settings.signatureAlgorithm())) {
      throw new ConfigException(
          "inter.worker.signature.algorithm "
              + settings.signatureAlgorithm()
              + " must be one of inter.worker.verification.algorithms "
              + settings.verificationAlgorithms());
    }
    this.settings = settings;
    this.configs = configs;
    this.isLeader = isLeader;
  }

  /** Takes the stored key and, on the leader, starts publishing new ones as they expire. */
  public void start() {
    configs.addListener(this);
    configs.sessionKey().ifPresent(this::accept);
    rotation.scheduleWithFixedDelay(this::rotateIfDue, 0, CHECK_INTERVAL_MS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void onSessionKeyUpdate(SessionKey key) {
    accept(key);
  }

  private synchronized void accept(SessionKey key) {
    SessionKey known = current;
    if (known != null && known.encodedKey().equals(key.encodedKey())) {
      return;
    }
    previous = known;
    current = key;
  }

  private void rotateIfDue() {
    try {
      if (!isLeader.getAsBoolean()) {
        return;
      }
      SessionKey key = current;
      long now = System.currentTimeMillis();
      if (key != null
          && key.algorithm().equals(settings.keyAlgorithm())
          && now < key.creationTimestamp() + settings.ttlMs()) {
        return;
      }
      KeyGenerator generator = KeyGenerator.getInstance(settings.keyAlgorithm());
      if (settings.keySize() > 0) {
        generator.init(settings.keySize());
      }
      SessionKey fresh =
          SessionKey.of(generator.generateKey().getEncoded(), settings.keyAlgorithm(), now);
      configs.putSessionKey(fresh).get(30, TimeUnit.SECONDS);
      log.info("Published a new session key for requests between workers");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // The next check tries again; until then the previous key stays in use.
      log.warn("Could not publish a new session key", e);
    }
  }

  /** The signature headers for a request body; empty while no session key is known. */
  public Map<String, String> sign(byte[] body) {
    SessionKey key = current;
    if (key == null) {
      return Map.of();
    }
    byte[] signature = hmac(settings.signatureAlgorithm(), key.key(), body);
    return Map.of(
        SIGNATURE_HEADER,
        Base64.getEncoder().encodeToString(signature),
        ALGORITHM_HEADER,
        settings.signatureAlgorithm());
  }

  /**
   * Checks an internal request's signature, answering as Apache does: 400 when it is missing or
   * uses an algorithm this worker does not accept, 403 when it does not match the session key.
   */
  public void verify(byte[] body, String signature, String algorithm) {
    if (signature == null || algorithm == null) {
      throw HttpError.badRequest("Internal request missing required signature");
    }
    try {
      Mac.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw HttpError.badRequest(e.getMessage());
    }
    if (!settings.verificationAlgorithms().contains(algorithm)) {
      throw HttpError.badRequest(
          "This worker does not support the '"
              + algorithm
              + "' key signing algorithm used by other workers. This worker is currently"
              + " configured to use: "
              + settings.verificationAlgorithms()
              + ". Check that all workers' configuration files permit the same set of signature"
              + " algorithms, and correct any misconfigured worker and restart it.");
    }
    byte[] given;
    try {
      given = Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest("Internal request signature is not Base64: " + e.getMessage());
    }
    if (!matches(current, algorithm, body, given) && !matches(previous, algorithm, body, given)) {
      throw new HttpError(403, "Internal request contained invalid signature.");
    }
  }

  private static boolean matches(SessionKey key, String algorithm, byte[] body, byte[] given) {
    return key != null && MessageDigest.isEqual(hmac(algorithm, key.key(), body), given);
  }

  private static byte[] hmac(String algorithm, byte[] key, byte[] body) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      return mac.doFinal(body == null ? new byte[0] : body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new ConnectException("Cannot sign with " + algorithm, e);
    }
  }

  @Override
  public void close() {
    rotation.shutdownNow();
  }
}
