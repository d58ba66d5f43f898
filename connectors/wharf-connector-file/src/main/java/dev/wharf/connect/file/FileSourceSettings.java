package dev.wharf.connect.file;

import java.nio.charset.Charset;
import java.util.List;

/**
 * A source connector's or task's parsed configuration (see {@link FileSourceConfig} for the keys).
 *
 * @param file the single file to read ({@code file}), null when {@code files} or stdin is used
 * @param files the {@code files} entries: paths and globs
 * @param topic the topic every line goes to
 * @param batchSize the most records one poll returns
 * @param pollIntervalMs how long a poll waits when there is nothing new
 * @param scanIntervalMs how often {@code files} globs are matched again
 * @param charset the files' encoding
 * @param maxLineBytes the longest line kept whole
 * @param longLineAction what happens to longer lines
 * @param keyIsPath whether the record key is the file's path
 * @param headers whether records carry the {@code file} and {@code line} headers
 */
record FileSourceSettings(
    String file,
    List<String> files,
    String topic,
    int batchSize,
    long pollIntervalMs,
    long scanIntervalMs,
    Charset charset,
    int maxLineBytes,
    LongLineAction longLineAction,
    boolean keyIsPath,
    boolean headers) {

  boolean readsStdin() {
    return file == null && files.isEmpty();
  }
}
