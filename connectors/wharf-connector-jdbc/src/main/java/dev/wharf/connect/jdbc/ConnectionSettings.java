package dev.wharf.connect.jdbc;

/**
 * Where and how to connect, shared by the source and the sink configs: {@code connection.url},
 * {@code connection.user}, {@code connection.password}, {@code connection.attempts} and {@code
 * connection.backoff.ms}.
 */
record ConnectionSettings(String url, String user, String password, int attempts, long backoffMs) {}
