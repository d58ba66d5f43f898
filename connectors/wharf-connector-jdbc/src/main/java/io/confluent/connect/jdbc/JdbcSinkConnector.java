package io.confluent.connect.jdbc;

/**
 * Confluent's class name for Wharf's JDBC sink, so configs written for Confluent's connector run
 * unchanged. It adds nothing to {@link dev.wharf.connect.jdbc.JdbcSinkConnector}.
 */
public class JdbcSinkConnector extends dev.wharf.connect.jdbc.JdbcSinkConnector {}
