package dev.wharf.connect.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL per test JVM (on a free port, stopped at exit) with a role {@code root}
 * like the seed's; each test gets its own database.
 */
final class Postgres {
  private static final AtomicInteger UNIQUE = new AtomicInteger();
  private static EmbeddedPostgres server;

  private Postgres() {}

  static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(Postgres::stop));
        try (Connection c = server.getPostgresDatabase().getConnection();
            Statement s = c.createStatement()) {
          s.execute("CREATE ROLE root LOGIN SUPERUSER");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
    return server;
  }

  private static synchronized void stop() {
    try {
      server.close();
    } catch (IOException ignored) {
      // Exiting anyway.
    }
  }

  /** A new empty database, created for one test, or {@code name} when given and new. */
  static String newDatabase(String name) throws SQLException {
    String db = name != null ? name : "db" + UNIQUE.incrementAndGet();
    try (Connection c = server().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + db + " OWNER root");
    }
    return db;
  }

  static String url(String db) {
    return "jdbc:postgresql://localhost:" + server().getPort() + "/" + db;
  }

  static Connection connect(String db) throws SQLException {
    return DriverManager.getConnection(url(db), "root", null);
  }

  static void execute(String db, String... sql) throws SQLException {
    try (Connection c = connect(db);
        Statement s = c.createStatement()) {
      for (String one : sql) {
        s.execute(one);
      }
    }
  }
}
