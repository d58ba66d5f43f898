package dev.wharf.connect.file;

import java.util.HashMap;
import java.util.Map;

/**
 * Where a file was read up to, as stored in Connect's offsets. The partition is {@code {"filename":
 * path}} and the offset {@code {"position": bytes}}, Apache's layout, so that offsets Apache's
 * FileStream source committed are resumed here; the extra fields ({@code line} and a fingerprint of
 * the file's first bytes) let a restart number lines on and notice that the file at the path is no
 * longer the one the position belongs to. Offsets without them (Apache's) are trusted by position
 * alone.
 *
 * @param position the byte where reading resumes
 * @param line the number of the line starting there, or 0 when unknown
 * @param headBytes how many leading bytes {@code headHash} covers, or -1 when unknown
 * @param headHash the fingerprint of the first {@code headBytes} bytes
 */
record SourcePosition(long position, long line, long headBytes, long headHash) {
  static final String FILENAME = "filename";
  static final String POSITION = "position";
  static final String LINE = "line";
  static final String HEAD_BYTES = "head.bytes";
  static final String HEAD_HASH = "head.hash";

  static Map<String, Object> partition(String filename) {
    return Map.of(FILENAME, filename);
  }

  Map<String, Object> toOffset() {
    Map<String, Object> offset = new HashMap<>();
    offset.put(POSITION, position);
    offset.put(LINE, line);
    offset.put(HEAD_BYTES, headBytes);
    offset.put(HEAD_HASH, headHash);
    return offset;
  }

  /** The stored offset, or null when there is none or it has no usable position. */
  static SourcePosition fromOffset(Map<String, Object> offset) {
    if (offset == null || !(offset.get(POSITION) instanceof Number position)) {
      return null;
    }
    return new SourcePosition(
        Math.max(0, position.longValue()),
        number(offset.get(LINE), 0),
        number(offset.get(HEAD_BYTES), -1),
        number(offset.get(HEAD_HASH), 0));
  }

  private static long number(Object value, long fallback) {
    return value instanceof Number n ? n.longValue() : fallback;
  }
}
