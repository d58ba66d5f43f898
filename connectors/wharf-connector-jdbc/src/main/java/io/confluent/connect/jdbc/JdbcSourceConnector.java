package io.confluent.connect.jdbc;

/**
 * Confluent's class name for Wharf's JDBC source, so configs written for Confluent's connector run
 * unchanged. It adds nothing to {@link dev.wharf.connect.jdbc.JdbcSourceConnector}.
 */
public class JdbcSourceConnector extends dev.wharf.connect.jdbc.JdbcSourceConnector {}
