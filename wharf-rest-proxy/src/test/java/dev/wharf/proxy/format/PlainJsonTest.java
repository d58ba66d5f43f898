package dev.wharf.proxy.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Strings are scanned eight bytes at a time: a byte that ends the plain run (a quote, a backslash,
 * a control character, DEL, anything non-ASCII) must be found wherever it falls in a word, and next
 * to every neighbour that could hide it in the word's arithmetic.
 */
class PlainJsonTest {
  private static final int[] SPECIAL = {
    '"', '\\', 0x00, 0x01, 0x1f, 0x7f, 0x80, 0xc3, 0xfe, 0xff,
  };
  private static final int[] NEIGHBOURS = {
    ' ', '!', '#', '[', ']', '~', 'x', 0x00, 0x1f, 0x7f, 0xff,
  };

  @Test
  void everyByteThatEndsAPlainStringIsFoundAtEveryPositionOfAWord() {
    for (int length = 0; length <= 24; length++) {
      for (int position = 0; position < length; position++) {
        for (int special : SPECIAL) {
          for (int neighbour : NEIGHBOURS) {
            byte[] content = new byte[length];
            java.util.Arrays.fill(content, (byte) 'x');
            content[position] = (byte) special;
            if (position + 1 < length) {
              content[position + 1] = (byte) neighbour;
            }
            if (position > 0) {
              content[position - 1] = (byte) neighbour;
            }
            byte[] document = quoted(content);
            assertThat(PlainJson.valueEnd(document, 0))
                .as("string %s", java.util.Arrays.toString(content))
                .isEqualTo(bytewise(document));
          }
        }
      }
    }
  }

  @Test
  void printableAsciiStringsOfAnyLengthArePlain() {
    StringBuilder printable = new StringBuilder();
    for (char c = ' '; c < 0x7f; c++) {
      if (c != '"' && c != '\\') {
        printable.append(c);
      }
    }
    for (int length = 0; length <= printable.length(); length++) {
      byte[] document =
          ("\"" + printable.substring(0, length) + "\",1").getBytes(StandardCharsets.US_ASCII);
      assertThat(PlainJson.valueEnd(document, 0)).isEqualTo(length + 2);
    }
  }

  @Test
  void anUnterminatedStringIsNotPlain() {
    assertThat(PlainJson.valueEnd("\"xxxxxxxxxxxxxxxxxxx".getBytes(StandardCharsets.US_ASCII), 0))
        .isEqualTo(-1);
  }

  private static byte[] quoted(byte[] content) {
    byte[] document = new byte[content.length + 3];
    document[0] = '"';
    System.arraycopy(content, 0, document, 1, content.length);
    document[content.length + 1] = '"';
    document[content.length + 2] = ',';
    return document;
  }

  /** What a byte-by-byte scan finds: the end of the string, or -1 if it is not plain. */
  private static int bytewise(byte[] document) {
    for (int i = 1; i < document.length; i++) {
      int b = document[i] & 0xff;
      if (b == '"') {
        return i + 1;
      }
      if (b < 0x20 || b == '\\' || b >= 0x7f) {
        return -1;
      }
    }
    return -1;
  }
}
