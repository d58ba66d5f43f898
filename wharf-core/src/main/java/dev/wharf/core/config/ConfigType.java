package dev.wharf.core.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How the text of a configuration value becomes a typed value and back.
 *
 * @param name the type's name as shown in documentation
 * @param parser turns trimmed text into a value; throws {@link IllegalArgumentException} with a
 *     short reason (without the key) when the text is not of this type
 * @param formatter turns a value back into the text a properties file would hold
 */
public record ConfigType<T>(
    String name, Function<String, T> parser, Function<T, String> formatter) {

  public static final ConfigType<String> STRING =
      new ConfigType<>("string", Function.identity(), Function.identity());

  public static final ConfigType<Integer> INT =
      new ConfigType<>("int", ConfigType::parseInt, String::valueOf);

  public static final ConfigType<Long> LONG =
      new ConfigType<>("long", ConfigType::parseLong, String::valueOf);

  public static final ConfigType<Boolean> BOOLEAN =
      new ConfigType<>("boolean", ConfigType::parseBoolean, String::valueOf);

  public static final ConfigType<Path> PATH =
      new ConfigType<>("path", ConfigType::parsePath, Path::toString);

  public static final ConfigType<List<String>> LIST =
      new ConfigType<>("list", ConfigType::parseList, values -> String.join(",", values));

  /** Parses {@code text}, which the caller has already trimmed. */
  public T parse(String text) {
    return parser.apply(text);
  }

  public String format(T value) {
    return value == null ? "" : formatter.apply(value);
  }

  private static Integer parseInt(String text) {
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be an integer");
    }
  }

  private static Long parseLong(String text) {
    try {
      return Long.valueOf(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a whole number");
    }
  }

  private static Boolean parseBoolean(String text) {
    switch (text.toLowerCase(Locale.ROOT)) {
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      default:
        throw new IllegalArgumentException("must be true or false");
    }
  }

  private static Path parsePath(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("must be a path, not empty");
    }
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("is not a valid path: " + e.getReason());
    }
  }

  private static List<String> parseList(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
