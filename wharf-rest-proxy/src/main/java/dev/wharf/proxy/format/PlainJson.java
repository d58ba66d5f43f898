package dev.wharf.proxy.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Recognizes, in one pass and without allocating, the JSON documents that Jackson would write back
 * byte for byte: a single object or array, compact, ASCII only, strings without escapes, integers
 * without {@code -0} and of at most 18 digits, no key repeated in an object, nesting at most 64
 * deep, and nothing before or after. Anything else answers false, including every invalid document,
 * so the caller falls back to Jackson, which then decides validity. False negatives cost time only;
 * a false positive would put invalid JSON in a response, so this accepts only what it fully checks.
 */
public final class PlainJson {
  private static final int MAX_DEPTH = 64;
  private static final int MAX_DIGITS = 18;
  private static final int MAX_KEYS_CHECKED = 32;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long SPACES = 0x2020202020202020L;
  private static final long QUOTES = 0x2222222222222222L;
  private static final long BACKSLASHES = 0x5c5c5c5c5c5c5c5cL;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[] in;
  private int at;
  private int depth;

  private PlainJson(byte[] in) {
    this.in = in;
  }

  /** True when {@code bytes} are one plain object or array and nothing else. */
  public static boolean isPlain(byte[] bytes) {
    if (bytes.length == 0 || (bytes[0] != '{' && bytes[0] != '[')) {
      return false;
    }
    PlainJson scanner = new PlainJson(bytes);
    return scanner.value() && scanner.at == bytes.length;
  }

  /**
   * Where the plain value (object, array, string, integer, {@code true}, {@code false} or {@code
   * null}) starting at {@code start} ends, or -1 when none starts there; what follows the value is
   * not looked at beyond the byte after a number or literal.
   */
  public static int valueEnd(byte[] bytes, int start) {
    PlainJson scanner = new PlainJson(bytes);
    scanner.at = start;
    return scanner.value() ? scanner.at : -1;
  }

  private boolean value() {
    if (at >= in.length) {
      return false;
    }
    byte b = in[at];
    return switch (b) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> b == '-' || (b >= '0' && b <= '9') ? integer() : false;
    };
  }

  private boolean object() {
    if (++depth > MAX_DEPTH) {
      return false;
    }
    at++;
    if (at < in.length && in[at] == '}') {
      at++;
      depth--;
      return true;
    }
    // Start offsets of this object's keys, to find a repeated one; past a few, give up.
    int[] keys = new int[4];
    int count = 0;
    while (true) {
      int key = at;
      if (at >= in.length || in[at] != '"' || !string()) {
        return false;
      }
      if (count == MAX_KEYS_CHECKED) {
        return false;
      }
      for (int i = 0; i < count; i++) {
        if (sameString(keys[i], key)) {
          return false;
        }
      }
      if (count == keys.length) {
        keys = java.util.Arrays.copyOf(keys, count * 2);
      }
      keys[count++] = key;
      if (at >= in.length || in[at] != ':') {
        return false;
      }
      at++;
      if (!value() || at >= in.length) {
        return false;
      }
      if (in[at] == ',') {
        at++;
      } else if (in[at] == '}') {
        at++;
        depth--;
        return true;
      } else {
        return false;
      }
    }
  }

  private boolean array() {
    if (++depth > MAX_DEPTH) {
      return false;
    }
    at++;
    if (at < in.length && in[at] == ']') {
      at++;
      depth--;
      return true;
    }
    while (true) {
      if (!value() || at >= in.length) {
        return false;
      }
      if (in[at] == ',') {
        at++;
      } else if (in[at] == ']') {
        at++;
        depth--;
        return true;
      } else {
        return false;
      }
    }
  }

  /** A string of printable ASCII without escapes; {@code at} is on its opening quote. */
  private boolean string() {
    int i = at + 1;
    // Eight bytes at a time while none of them needs a look: most of a value is string content.
    while (i + Long.BYTES <= in.length && isPlainRun((long) LONGS.get(in, i))) {
      i += Long.BYTES;
    }
    for (; i < in.length; i++) {
      byte b = in[i];
      if (b == '"') {
        at = i + 1;
        return true;
      }
      if (b < 0x20 || b == '\\' || b == 0x7f) {
        return false;
      }
    }
    return false;
  }

  /**
   * True when all eight bytes of {@code word} are printable ASCII other than a quote or a
   * backslash, i.e. each lies in 0x20..0x7e. A byte has its high bit set in {@code word +
   * 0x0101...} exactly when it is 0x7f or above; in {@code word - 0x2020...} (borrows aside) when
   * it is below 0x20; and in the {@code - 0x0101...} of its XOR with the quote or backslash when it
   * is that character. Borrows and carries only reach a higher byte after a lower one has already
   * set its flag, so the test is exact for the word as a whole.
   */
  private static boolean isPlainRun(long word) {
    long flags =
        word
            | (word + ONES)
            | (word - SPACES)
            | ((word ^ QUOTES) - ONES)
            | ((word ^ BACKSLASHES) - ONES);
    return (flags & HIGH_BITS) == 0;
  }

  private boolean sameString(int a, int b) {
    for (int i = 0; ; i++) {
      byte x = in[a + i];
      if (x != in[b + i]) {
        return false;
      }
      if (i > 0 && x == '"') {
        return true;
      }
    }
  }

  private boolean literal(String word) {
    if (at + word.length() > in.length) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (in[at + i] != word.charAt(i)) {
        return false;
      }
    }
    at += word.length();
    return at == in.length || !isWordByte(in[at]);
  }

  private boolean integer() {
    int start = at;
    if (in[at] == '-') {
      at++;
    }
    if (at >= in.length || in[at] < '0' || in[at] > '9') {
      return false;
    }
    if (in[at] == '0') {
      // 0 alone; -0, 01 and the like are Jackson's to judge.
      at++;
      if (in[start] == '-' || (at < in.length && in[at] >= '0' && in[at] <= '9')) {
        return false;
      }
    } else {
      while (at < in.length && in[at] >= '0' && in[at] <= '9') {
        at++;
      }
    }
    if (at - start > MAX_DIGITS) {
      return false;
    }
    // A fraction or an exponent makes a float, which Jackson may write differently.
    return at == in.length
        || !(in[at] == '.' || in[at] == 'e' || in[at] == 'E' || isWordByte(in[at]));
  }

  private static boolean isWordByte(byte b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_';
  }
}
