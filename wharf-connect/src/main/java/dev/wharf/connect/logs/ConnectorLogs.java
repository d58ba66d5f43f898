package dev.wharf.connect.logs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * The log buffers of the connectors this worker runs, filled by a Logback appender on the root
 * logger with the events that carry a {@link LogContext}, and with their INFO-and-above lines that
 * a logger's configured level drops from the log file; events of connectors this worker has not
 * {@link #open opened} (another worker's, in the same JVM) are ignored. Messages and stack traces
 * are masked of secrets, then cut to {@value #MAX_MESSAGE_CHARS} and {@value
 * #MAX_STACK_TRACE_CHARS} characters, before they are kept.
 */
public final class ConnectorLogs implements AutoCloseable {
  static final int MAX_MESSAGE_CHARS = 8 * 1024;
  static final int MAX_STACK_TRACE_CHARS = 16 * 1024;
  private static final String TRUNCATED = "... [truncated]";

  private final boolean enabled;
  private final int maxLines;
  private final long maxBytes;
  private final SecretMasker masker;
  private final Map<String, LogBuffer> buffers = new ConcurrentHashMap<>();
  private CaptureAppender appender;
  private CaptureBelowLevel turboFilter;

  private ConnectorLogs(boolean enabled, int maxLines, long maxBytes, SecretMasker masker) {
    this.enabled = enabled;
    this.maxLines = maxLines;
    this.maxBytes = maxBytes;
    this.masker = masker;
  }

  /**
   * Starts capturing: attaches the appender to Logback's root logger. When Logback is not the SLF4J
   * backend, or {@code enabled} is false, nothing is captured and every buffer stays empty.
   */
  public static ConnectorLogs start(
      boolean enabled, int maxLines, long maxBytes, SecretMasker masker) {
    ConnectorLogs logs = new ConnectorLogs(enabled, maxLines, maxBytes, masker);
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (enabled && factory instanceof LoggerContext context) {
      logs.appender = new CaptureAppender(logs);
      logs.appender.setContext(context);
      logs.appender.setName("connector-logs-" + System.identityHashCode(logs));
      logs.appender.start();
      context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(logs.appender);
      logs.turboFilter = new CaptureBelowLevel(logs);
      logs.turboFilter.setContext(context);
      logs.turboFilter.start();
      context.addTurboFilter(logs.turboFilter);
    }
    return logs;
  }

  public boolean enabled() {
    return enabled;
  }

  public SecretMasker masker() {
    return masker;
  }

  /** The most lines a buffer keeps: the largest {@code tail} worth asking for. */
  public int maxLines() {
    return maxLines;
  }

  /** Starts keeping the lines of {@code connector}; keeps the existing buffer if there is one. */
  public void open(String connector) {
    buffers.computeIfAbsent(connector, name -> new LogBuffer(maxLines, maxBytes));
  }

  /** Forgets a deleted connector's lines. */
  public void remove(String connector) {
    buffers.remove(connector);
  }

  /** The buffer of {@code connector}, if this worker has run it. */
  public Optional<LogBuffer> buffer(String connector) {
    return Optional.ofNullable(buffers.get(connector));
  }

  void capture(ILoggingEvent event) {
    capture(
        event.getMDCPropertyMap().get(LogContext.KEY),
        event.getTimeStamp(),
        event.getLevel(),
        event.getLoggerName(),
        event.getThreadName(),
        event::getFormattedMessage,
        event.getThrowableProxy());
  }

  private void capture(
      String context,
      long timestamp,
      Level level,
      String logger,
      String thread,
      Supplier<String> message,
      IThrowableProxy throwable) {
    LogContext.Origin origin = LogContext.parse(context);
    if (origin == null) {
      return;
    }
    LogBuffer buffer = buffers.get(origin.connector());
    if (buffer == null) {
      return;
    }
    String stackTrace =
        throwable == null
            ? null
            : cut(masker.mask(ThrowableProxyUtil.asString(throwable)), MAX_STACK_TRACE_CHARS);
    buffer.append(
        new LogLine(
            0,
            timestamp,
            level,
            logger,
            thread,
            origin.connector(),
            origin.task(),
            cut(masker.mask(message.get()), MAX_MESSAGE_CHARS),
            stackTrace));
  }

  /**
   * Captures an INFO-or-above line for a connector that its logger's configured level is about to
   * drop (a plugin logger set to WARN, say): the buffer keeps INFO lines whatever the log file
   * keeps. Lines the logger lets through reach the appender instead, so none is kept twice.
   */
  private void captureDropped(
      Logger logger, Level level, String format, Object[] params, Throwable thrown) {
    if (format == null || logger.isEnabledFor(level)) {
      return;
    }
    String context = MDC.get(LogContext.KEY);
    if (context == null) {
      return;
    }
    Throwable throwable = thrown != null ? thrown : MessageFormatter.getThrowableCandidate(params);
    capture(
        context,
        System.currentTimeMillis(),
        level,
        logger.getName(),
        Thread.currentThread().getName(),
        () -> MessageFormatter.basicArrayFormat(format, params),
        throwable == null ? null : new ThrowableProxy(throwable));
  }

  private static String cut(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max) + TRUNCATED;
  }

  /** Detaches the appender; the buffers stay readable. */
  @Override
  public void close() {
    if (appender != null) {
      ILoggerFactory factory = LoggerFactory.getILoggerFactory();
      if (factory instanceof LoggerContext context) {
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        context.getTurboFilterList().remove(turboFilter);
      }
      turboFilter.stop();
      appender.stop();
      appender = null;
    }
  }

  /**
   * Sees every logging call before Logback's level check; passes on INFO-and-above calls with a
   * connector context that the level is about to drop. Always NEUTRAL: it changes no decision.
   */
  private static final class CaptureBelowLevel extends TurboFilter {
    private final ConnectorLogs logs;

    CaptureBelowLevel(ConnectorLogs logs) {
      this.logs = logs;
    }

    @Override
    public FilterReply decide(
        Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
      if (level != null && level.levelInt >= Level.INFO_INT) {
        logs.captureDropped(logger, level, format, params, t);
      }
      return FilterReply.NEUTRAL;
    }
  }

  /** Hands each event with a connector context to its buffer; never logs itself. */
  private static final class CaptureAppender
      extends ch.qos.logback.core.UnsynchronizedAppenderBase<ILoggingEvent> {
    private final ConnectorLogs logs;

    CaptureAppender(ConnectorLogs logs) {
      this.logs = logs;
    }

    @Override
    protected void append(ILoggingEvent event) {
      logs.capture(event);
    }
  }
}
