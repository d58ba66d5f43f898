package dev.wharf.connect.plugins;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * Orders plugin version strings the way release numbers are read: {@code 1.10} is newer than {@code
 * 1.9}, and a release is newer than its qualified pre-releases ({@code 2.0} after {@code
 * 2.0-SNAPSHOT}). When a class is installed more than once, the newest version is the one used.
 */
final class PluginVersions {
  static final Comparator<String> ORDER = PluginVersions::compare;

  private static final Pattern SEPARATORS = Pattern.compile("[.\\-_+]");

  private PluginVersions() {}

  static int compare(String left, String right) {
    String[] a = SEPARATORS.split(left);
    String[] b = SEPARATORS.split(right);
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length) {
        return isQualifier(b[i]) ? 1 : -1;
      }
      if (i >= b.length) {
        return isQualifier(a[i]) ? -1 : 1;
      }
      int order = compareToken(a[i], b[i]);
      if (order != 0) {
        return order;
      }
    }
    return 0;
  }

  private static int compareToken(String a, String b) {
    boolean numericA = isNumber(a);
    boolean numericB = isNumber(b);
    if (numericA && numericB) {
      return new BigInteger(a).compareTo(new BigInteger(b));
    }
    if (numericA != numericB) {
      return numericA ? 1 : -1;
    }
    return a.compareToIgnoreCase(b);
  }

  private static boolean isQualifier(String token) {
    return !isNumber(token);
  }

  private static boolean isNumber(String token) {
    return !token.isEmpty() && token.chars().allMatch(Character::isDigit);
  }
}
