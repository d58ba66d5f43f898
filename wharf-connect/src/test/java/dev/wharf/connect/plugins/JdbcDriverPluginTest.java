package dev.wharf.connect.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JDBC connector plugin that bundles its database driver, as JDBC connectors do; a broken driver
 * entry listed before it does not keep it from being registered.
 */
class JdbcDriverPluginTest {

  @Test
  void driverBundledInAPluginIsRegisteredAndVisibleToThatPlugin(@TempDir Path root)
      throws IOException {
    // DriverManager looks for drivers once, on first use, through the then current context class
    // loader; in a running worker that has long happened, so it must not be what finds this one.
    assertThat(DriverManager.drivers()).isNotNull();
    Path classes =
        FixturePlugins.compile(
            root.resolve("build"),
            Map.of(
                "com.acme.jdbc.FakeDriver",
                """
                package com.acme.jdbc;

                import java.sql.*;
                import java.util.Properties;
                import java.util.logging.Logger;

                public class FakeDriver implements Driver {
                  static {
                    // As JDBC drivers do: loading the class registers it.
                    try {
                      DriverManager.registerDriver(new FakeDriver());
                    } catch (SQLException e) {
                      throw new ExceptionInInitializerError(e);
                    }
                  }

                  public Connection connect(String url, Properties info) { return null; }
                  public boolean acceptsURL(String url) { return url.startsWith("jdbc:fake:"); }
                  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
                    return new DriverPropertyInfo[0];
                  }
                  public int getMajorVersion() { return 1; }
                  public int getMinorVersion() { return 0; }
                  public boolean jdbcCompliant() { return false; }
                  public Logger getParentLogger() { return Logger.getGlobal(); }
                }
                """,
                "com.acme.jdbc.FakeJdbcSourceConnector",
                FixturePlugins.sourceConnector(
                        "com.acme.jdbc.FakeJdbcSourceConnector", "driverName()")
                    .replace(
                        "public void stop() {}",
                        """
                        public void stop() {}
                          static String driverName() {
                            try {
                              return java.sql.DriverManager.getDriver("jdbc:fake:db")
                                  .getClass().getName();
                            } catch (java.sql.SQLException e) {
                              return "no driver";
                            }
                          }
                        """)));
    Path pluginPath = root.resolve("plugins");
    FixturePlugins.jar(
        pluginPath.resolve("jdbc/fake-jdbc.jar"),
        classes,
        Map.of(
            "java.sql.Driver",
            List.of("com.acme.jdbc.MissingDriver", "com.acme.jdbc.FakeDriver"),
            SourceConnector.class.getName(),
            List.of("com.acme.jdbc.FakeJdbcSourceConnector")));

    try (Plugins plugins = Plugins.load(List.of(pluginPath))) {
      assertThat(plugins.newConnector("FakeJdbcSource").version())
          .isEqualTo("com.acme.jdbc.FakeDriver");
      // DriverManager hides a plugin's driver from code outside that plugin.
      assertThatThrownBy(() -> DriverManager.getDriver("jdbc:fake:db"))
          .isInstanceOf(SQLException.class);
    }
  }
}
