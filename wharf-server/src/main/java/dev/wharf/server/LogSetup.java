package dev.wharf.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Sends every log line (Wharf's and Kafka's) to {@code <data.dir>/logs/wharf.log}, rolled daily and
 * at 100 MB, so the terminal shows only Wharf's own status lines; {@code --verbose} copies the log
 * to stderr as well. Lines written for a connector or task carry Apache's {@code [name|task-0] }
 * prefix (the {@code connector.context} MDC value).
 */
final class LogSetup {
  private static final String PATTERN =
      "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %X{connector.context}%logger{36} - %msg%n";

  private LogSetup() {}

  static void configure(Path logDir, boolean verbose) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);

    RollingFileAppender<ch.qos.logback.classic.spi.ILoggingEvent> file =
        new RollingFileAppender<>();
    file.setContext(context);
    file.setName("file");
    file.setFile(logDir.resolve("wharf.log").toString());
    SizeAndTimeBasedRollingPolicy<ch.qos.logback.classic.spi.ILoggingEvent> policy =
        new SizeAndTimeBasedRollingPolicy<>();
    policy.setContext(context);
    policy.setParent(file);
    policy.setFileNamePattern(logDir.resolve("wharf.%d{yyyy-MM-dd}.%i.log.gz").toString());
    policy.setMaxFileSize(FileSize.valueOf("100MB"));
    policy.setMaxHistory(7);
    policy.setTotalSizeCap(FileSize.valueOf("1GB"));
    policy.start();
    file.setRollingPolicy(policy);
    file.setEncoder(encoder(context));
    file.start();
    root.addAppender(file);

    if (verbose) {
      ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent> console = new ConsoleAppender<>();
      console.setContext(context);
      console.setName("console");
      console.setTarget("System.err");
      console.setEncoder(encoder(context));
      console.start();
      root.addAppender(console);
    }
  }

  private static PatternLayoutEncoder encoder(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    return encoder;
  }
}
