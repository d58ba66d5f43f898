package dev.wharf.connect.file;

/**
 * One line (or, when split, one piece of a line) read from a source, with where reading resumes
 * after it.
 *
 * @param text the decoded text without its terminator
 * @param number the 1-based line number in the file
 * @param nextPosition the byte position just after this line and its terminator
 * @param nextNumber the number of the line that starts at {@code nextPosition}
 */
record Line(String text, long number, long nextPosition, long nextNumber) {}
