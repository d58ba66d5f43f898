package dev.wharf.connect.file;

import org.apache.kafka.connect.errors.ConnectException;

/** A line longer than {@code max.line.bytes} met with {@code max.line.action=fail}. */
final class LineTooLongException extends ConnectException {
  private static final long serialVersionUID = 1L;

  LineTooLongException(String file, long line, long position, int maxLineBytes) {
    super(
        "Line "
            + line
            + " of "
            + file
            + " (starting at byte "
            + position
            + ") is longer than max.line.bytes="
            + maxLineBytes
            + " and max.line.action is fail");
  }
}
