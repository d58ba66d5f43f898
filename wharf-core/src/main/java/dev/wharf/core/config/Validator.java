package dev.wharf.core.config;

/** Checks a parsed configuration value; answers {@code null} when it is fine, else the problem. */
@FunctionalInterface
public interface Validator<T> {

  String check(T value);

  /** The rule in words, for documentation; empty when there is none worth stating. */
  default String description() {
    return "";
  }

  static <T> Validator<T> any() {
    return value -> null;
  }

  /** A TCP port, or 0 for "any free port". */
  static Validator<Integer> port() {
    return range(0, 65535);
  }

  static Validator<Integer> range(int min, int max) {
    return new Validator<>() {
      @Override
      public String check(Integer value) {
        return value >= min && value <= max
            ? null
            : "must be between " + min + " and " + max + " inclusive";
      }

      @Override
      public String description() {
        return "[" + min + ", " + max + "]";
      }
    };
  }
}
