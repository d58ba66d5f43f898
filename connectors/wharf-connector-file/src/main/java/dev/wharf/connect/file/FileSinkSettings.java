package dev.wharf.connect.file;

/**
 * A sink's parsed configuration (see {@link FileSinkConfig} for the keys).
 *
 * @param file where to write, null for standard output
 * @param fsync whether each flush forces the data to disk
 * @param rotateBytes the size at which a file is rotated, 0 for never
 */
record FileSinkSettings(PathTemplate file, boolean fsync, long rotateBytes) {}
