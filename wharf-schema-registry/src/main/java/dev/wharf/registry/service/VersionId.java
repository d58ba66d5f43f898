package dev.wharf.registry.service;

import java.util.Locale;

/**
 * A version as a path names it: an integer from 1 to 2^31-1, or {@code latest} in any case, which
 * {@code -1} also means. Anything else is 42202.
 */
public record VersionId(int number) {
  private static final int LATEST = -1;

  public static VersionId parse(String text) {
    if (text.toLowerCase(Locale.ROOT).equals("latest")) {
      return new VersionId(LATEST);
    }
    try {
      int number = Integer.parseInt(text);
      if (number == LATEST || number >= 1) {
        return new VersionId(number);
      }
    } catch (NumberFormatException e) {
      // Falls through to the 42202 below.
    }
    throw RegistryError.INVALID_VERSION.exception(
        "The specified version '"
            + text
            + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string"
            + " \"latest\"");
  }

  public boolean isLatest() {
    return number == LATEST;
  }
}
