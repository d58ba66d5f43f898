package dev.wharf.connect.jdbc;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The MariaDB/MySQL server of {@code WHARF_TEST_MYSQL_URL}, when the environment names one. */
final class MariaDb {
  static final String ENV = "WHARF_TEST_MYSQL_URL";

  private MariaDb() {}

  static String url() {
    return System.getenv(ENV);
  }

  /** Skips a test class, saying why, when no MariaDB server is configured. */
  static final class Required implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      String url = url();
      return url == null || url.isBlank()
          ? ConditionEvaluationResult.disabled(
              ENV
                  + " is not set, so the MariaDB/MySQL tests are skipped: set it to e.g."
                  + " jdbc:mariadb://127.0.0.1:3306/wharf?user=wharf&password=wharf (.ci/run"
                  + " installs and starts MariaDB and sets it)")
          : ConditionEvaluationResult.enabled(
              ENV + " = " + url.replaceAll("password=[^&]*", "password=***"));
    }
  }
}
