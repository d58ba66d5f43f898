package dev.wharf.connect.logs;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Replaces known secret values in captured log text with {@value #MASK}: values resolved from
 * config providers ({@code ${file:...}}, {@code ${env:...}}) and values of a connector's
 * PASSWORD-type keys (and of keys whose name says password, secret or JAAS config). Values shorter
 * than {@value #MIN_LENGTH} characters are not masked: they would blank out ordinary text and are
 * no secrets worth the name. Secrets are never forgotten while the worker runs.
 */
public final class SecretMasker {
  public static final String MASK = "[hidden]";
  static final int MIN_LENGTH = 4;

  private final Set<String> secrets = new LinkedHashSet<>();
  // Longest first, so a secret that contains another is masked whole; replaced on every change.
  private volatile String[] ordered = new String[0];

  /** Masks {@code value} from now on. */
  public void add(String value) {
    if (value == null || value.length() < MIN_LENGTH) {
      return;
    }
    synchronized (secrets) {
      if (secrets.add(value)) {
        String[] next = secrets.toArray(new String[0]);
        Arrays.sort(next, Comparator.comparingInt(String::length).reversed());
        ordered = next;
      }
    }
  }

  /** Masks the values of the secret keys of a connector's config. */
  public void addPasswords(ConfigDef definition, Map<String, String> config) {
    config.forEach(
        (key, value) -> {
          ConfigDef.ConfigKey declared =
              definition == null ? null : definition.configKeys().get(key);
          if ((declared != null && declared.type == ConfigDef.Type.PASSWORD) || secretName(key)) {
            add(value);
          }
        });
  }

  /** Masks each of {@code values}. */
  public void addAll(Collection<String> values) {
    values.forEach(this::add);
  }

  /** {@code text} with every known secret replaced; the same instance when none occurs. */
  public String mask(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : ordered) {
      if (result.contains(secret)) {
        result = result.replace(secret, MASK);
      }
    }
    return result;
  }

  private static boolean secretName(String key) {
    String lower = key.toLowerCase(java.util.Locale.ROOT);
    return lower.contains("password") || lower.contains("secret") || lower.endsWith("jaas.config");
  }
}
