package dev.wharf.proxy.produce;

import dev.wharf.proxy.format.PlainJson;
import dev.wharf.proxy.produce.V2Records.Outgoing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the common v2 produce body without a JSON parser: {@code {"records":[...]}} whose records
 * hold only {@code value}, {@code key} and {@code partition}, each at most once, with keys and
 * values that are {@link PlainJson plain} and a partition that is {@code null} or a non-negative
 * int, in formats that store plain JSON as it is. One pass checks each value and copies its bytes,
 * where the streaming parser read every token of it and the json format walked it again. Any other
 * body, valid or not, answers null and goes to the general reader, which decides what it means or
 * what error it gets; so this reader only has to be right about what it accepts.
 */
final class PlainV2Body {
  private static final byte[] RECORDS = ascii("\"records\"");
  private static final byte[] VALUE = ascii("\"value\"");
  private static final byte[] KEY = ascii("\"key\"");
  private static final byte[] PARTITION = ascii("\"partition\"");
  private static final byte[] NULL = ascii("null");
  // Nine digits always fit in an int; longer partitions go to the general reader.
  private static final int MAX_PARTITION_DIGITS = 9;

  private final byte[] in;
  private int at;
  private byte[] lastValue;

  private PlainV2Body(byte[] in) {
    this.in = in;
  }

  /** The records of {@code body}, or null when the general reader must read it. */
  static List<Outgoing> read(byte[] body, Integer pathPartition) {
    return new PlainV2Body(body).records(pathPartition);
  }

  private List<Outgoing> records(Integer pathPartition) {
    if (!(take('{') && take(RECORDS) && take(':') && take('['))) {
      return null;
    }
    List<Outgoing> records = new ArrayList<>(Math.max(16, in.length / 256));
    do {
      Outgoing record = record(pathPartition);
      if (record == null) {
        return null;
      }
      records.add(record);
    } while (take(','));
    if (!(take(']') && take('}'))) {
      return null;
    }
    skipWhitespace();
    return at == in.length ? records : null;
  }

  private Outgoing record(Integer pathPartition) {
    if (!take('{')) {
      return null;
    }
    byte[] key = null;
    byte[] value = null;
    Integer partition = pathPartition;
    boolean seenKey = false;
    boolean seenValue = false;
    boolean seenPartition = false;
    if (take('}')) {
      return new Outgoing(null, null, partition);
    }
    do {
      skipWhitespace();
      if (!seenValue && startsWith(VALUE)) {
        seenValue = true;
        at += VALUE.length;
        if (!take(':') || !plainValue()) {
          return null;
        }
        value = lastValue;
      } else if (!seenKey && startsWith(KEY)) {
        seenKey = true;
        at += KEY.length;
        if (!take(':') || !plainValue()) {
          return null;
        }
        key = lastValue;
      } else if (!seenPartition && startsWith(PARTITION)) {
        seenPartition = true;
        at += PARTITION.length;
        if (!take(':')) {
          return null;
        }
        skipWhitespace();
        if (startsWith(NULL)) {
          at += NULL.length;
        } else {
          int read = partition();
          if (read < 0) {
            return null;
          }
          if (pathPartition == null) {
            partition = read;
          }
        }
      } else {
        return null;
      }
    } while (take(','));
    return take('}') ? new Outgoing(key, value, partition) : null;
  }

  /**
   * Reads the plain value at the cursor into {@link #lastValue} (null for a JSON null); false when
   * no plain value starts there.
   */
  private boolean plainValue() {
    skipWhitespace();
    int end = PlainJson.valueEnd(in, at);
    if (end < 0) {
      return false;
    }
    int start = at;
    at = end;
    boolean isNull = end - start == NULL.length && startsWith(start, NULL);
    lastValue = isNull ? null : Arrays.copyOfRange(in, start, end);
    return true;
  }

  /** A non-negative int without leading zeros at the cursor, or -1. */
  private int partition() {
    int start = at;
    int read = 0;
    while (at < in.length && in[at] >= '0' && in[at] <= '9') {
      read = read * 10 + (in[at] - '0');
      at++;
    }
    int digits = at - start;
    if (digits == 0 || digits > MAX_PARTITION_DIGITS || (digits > 1 && in[start] == '0')) {
      return -1;
    }
    // A fraction or an exponent makes it a float, which the general reader rejects.
    if (at < in.length && (in[at] == '.' || in[at] == 'e' || in[at] == 'E')) {
      return -1;
    }
    return read;
  }

  /** Skips whitespace and takes {@code b}, or answers false. */
  private boolean take(char b) {
    skipWhitespace();
    if (at < in.length && in[at] == b) {
      at++;
      return true;
    }
    return false;
  }

  private boolean take(byte[] token) {
    skipWhitespace();
    if (startsWith(token)) {
      at += token.length;
      return true;
    }
    return false;
  }

  private boolean startsWith(byte[] token) {
    return startsWith(at, token);
  }

  private boolean startsWith(int from, byte[] token) {
    return from + token.length <= in.length
        && Arrays.equals(in, from, from + token.length, token, 0, token.length);
  }

  private void skipWhitespace() {
    while (at < in.length) {
      byte b = in[at];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return;
      }
      at++;
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
